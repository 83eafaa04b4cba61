"""Public, anonymous HTML pages (no login): what search engines and readers may fetch."""
