import PaperCore
import PaperMail

/// What makes a user name, email address and password acceptable.
public enum AccountRules {
    /// What is wrong with these sign-up details, or `nil` when they are acceptable.
    public static func problem(name: String, email: String, password: String) -> String? {
        if name.count < 2 || name.count > 32 || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
            return "Choose a user name of 2 to 32 letters, digits, - or _."
        }
        if !MailAddress(email).isValid || email.count > 254 { return "Enter a valid email address." }
        return passwordProblem(password)
    }

    public static func passwordProblem(_ password: String) -> String? {
        if password.count < 8 { return "Choose a password of at least 8 characters." }
        if password.utf8.count > 72 { return "Choose a password of at most 72 bytes (bcrypt ignores the rest)." }
        return nil
    }
}
