"""Standard formats for an article's annotations: W3C Web Annotation, schema.org ClaimReview, CSV.

Pure functions over the annotation JSON of DESIGN.md (what ``AnnotationSerializer`` produces) and a
small article dict; no Django, no database. The views feed them and the import service stores
what ``w3c.parse_annotations`` and ``w3c.anchor`` make of a posted collection.
"""
