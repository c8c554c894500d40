import ArgumentParser
import PaperCore

@main
struct PaperFeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paperfeed",
        abstract: "A self-hostable research-paper feed with search.",
        version: PaperFeedVersion.current,
        subcommands: [
            ServeCommand.self, ImportCommand.self, HarvestCommand.self, SearchCommand.self, StatsCommand.self, ExportCommand.self,
            EmbedCommand.self, EvalCommand.self, MigrateCommand.self, CopyCommand.self, BackupCommand.self, RestoreCommand.self,
            DigestCommand.self, UserCommand.self, SettingsCommand.self, DoctorCommand.self,
        ]
    )
}
