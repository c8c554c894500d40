import ArgumentParser

struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "List every setting: its environment variable, its value here (from the environment or .env) and its default.",
        discussion: "Secrets show only whether they are set. --markdown prints the README's settings table instead.")

    @Flag(help: "Print the settings reference as the README's Markdown table.")
    var markdown = false

    func run() async throws {
        guard !markdown else {
            StandardOutput.line(Setting.markdownTable)
            return
        }
        let settings = try await Settings.load(overrides: [:])
        let width = Setting.allCases.map(\.environmentName.count).max() ?? 0
        for setting in Setting.allCases {
            let name = setting.environmentName.padding(toLength: width, withPad: " ", startingAt: 0)
            StandardOutput.line("\(name)  " + (settings.shownValue(setting).map { "= \($0)" } ?? "(default: \(setting.defaultValue))"))
        }
    }
}
