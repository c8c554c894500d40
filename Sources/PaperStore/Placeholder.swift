enum _PlaceholderPaperStore {}
