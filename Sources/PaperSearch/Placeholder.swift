enum _PlaceholderPaperSearch {}
