"""Article bodies in several languages, shared by the language-detection tests (written for them)."""

ENGLISH = (
    "The city council said on Tuesday that it had received more than 4,000 complaints about the new parking "
    "rules. Officials promised to review the scheme before the summer, and the mayor said the fines would be "
    "halved while the review took place."
)
UKRAINIAN = (
    "Міська рада у вівторок повідомила, що отримала понад 4000 скарг на нові правила паркування. "
    "Посадовці пообіцяли переглянути схему до літа, а мер заявив, що штрафи зменшать удвічі на час перевірки."
)
ARABIC = (
    "قال مجلس المدينة يوم الثلاثاء إنه تلقى أكثر من أربعة آلاف شكوى بشأن قواعد وقوف السيارات الجديدة. "
    "ووعد المسؤولون بمراجعة الخطة قبل الصيف، وقال رئيس البلدية إن الغرامات ستخفض إلى النصف خلال المراجعة."
)
