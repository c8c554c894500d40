/// This release of PaperFeed, shown by `paperfeed --version`, `/health` and `/metrics`.
public enum PaperFeedVersion {
    public static let current = "0.6.0"
}
