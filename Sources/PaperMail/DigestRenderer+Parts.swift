import PaperCore
import Foundation

extension DigestRenderer {
    /// The plain-text part, lines wrapped at 72 characters.
    func text(_ context: Context) -> String {
        var out = "\(context.heading)\n\(String(repeating: "-", count: min(72, context.heading.count)))\n\n"
        for section in context.sections {
            if !section.title.isEmpty { out += "\(section.title)\n\(String(repeating: "~", count: min(72, section.title.count)))\n\n" }
            if section.entries.isEmpty { out += "No papers trended in this period.\n\n" }
            for (index, entry) in section.entries.enumerated() {
                out += "\(index + 1). " + Self.wrapped(entry.title, width: 72, indent: "   ").dropFirst(3) + "\n"
                if !entry.authors.isEmpty { out += Self.wrapped(entry.authors, width: 72, indent: "   ") + "\n" }
                out += Self.wrapped(entry.reasons, width: 72, indent: "   ") + "\n   \(entry.url)\n"
                if !entry.excerpt.isEmpty { out += "\n" + Self.wrapped(entry.excerpt, width: 72, indent: "   ") + "\n" }
                out += "\n"
            }
        }
        out += "-- \n"
        out += "You receive the \(context.cadence) digest of \(siteName) (\(siteURL)) at \(context.recipient).\n"
        out += "Unsubscribe: \(context.unsubscribeURL)\n"
        return out
    }

    /// The HTML part: one centred 600-pixel table, styles inline, every text escaped.
    func html(_ context: Context) -> String {
        let e = Self.escaped
        let font = "font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;"
        var rows = ""
        for section in context.sections {
            if !section.title.isEmpty {
                rows += "<tr><td style=\"padding:20px 24px 4px 24px;\(font)font-size:18px;font-weight:bold;color:#1a1a1a;\">\(e(section.title))</td></tr>\n"
            }
            if section.entries.isEmpty {
                rows += "<tr><td style=\"padding:16px 24px;\(font)font-size:15px;color:#444444;\">No papers trended in this period.</td></tr>\n"
            }
            for (index, entry) in section.entries.enumerated() { rows += row(entry, number: index + 1, font: font) }
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(context.heading))</title></head>
        <body style="margin:0;padding:0;background-color:#f5f5f5;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f5f5f5;">
        <tr><td align="center" style="padding:24px 8px;">
        <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;background-color:#ffffff;border:1px solid #e5e5e5;">
        <tr><td style="padding:20px 24px;\(font)">
        <a href="\(e(siteURL))" style="font-size:14px;color:#888888;text-decoration:none;">\(e(siteName))</a>
        <h1 style="font-size:22px;line-height:1.3;margin:4px 0 0 0;color:#1a1a1a;">\(e(context.heading))</h1>
        </td></tr>
        \(rows)<tr><td style="padding:16px 24px;border-top:1px solid #eeeeee;\(font)font-size:12px;line-height:1.5;color:#888888;">
        You receive the \(e(context.cadence)) digest of <a href="\(e(siteURL))" style="color:#888888;">\(e(siteName))</a> \
        at \(e(context.recipient)).<br>
        <a href="\(e(context.unsubscribeURL))" style="color:#888888;">Unsubscribe</a>
        </td></tr>
        </table>
        </td></tr>
        </table>
        </body></html>

        """
    }

    /// One paper's row of the HTML part.
    private func row(_ entry: Entry, number: Int, font: String) -> String {
        let e = Self.escaped
        return """
        <tr><td style="padding:16px 24px;border-top:1px solid #eeeeee;\(font)">
        <div style="font-size:17px;line-height:1.35;font-weight:bold;margin:0 0 4px 0;">\(number). \
        <a href="\(e(entry.url))" style="color:#1a1a1a;text-decoration:none;">\(e(entry.title))</a></div>
        <div style="font-size:13px;color:#555555;margin:0 0 4px 0;">\(e(entry.authors))</div>
        <div style="font-size:12px;color:#888888;margin:0 0 8px 0;">\(e(entry.reasons))</div>
        <div style="font-size:14px;line-height:1.5;color:#333333;">\(e(entry.excerpt))</div>
        <div style="font-size:13px;margin:8px 0 0 0;"><a href="\(e(entry.url))" style="color:#2563eb;">Read more</a></div>
        </td></tr>

        """
    }

    /// Text safe inside HTML elements and quoted attributes.
    static func escaped(_ text: String) -> String { text.htmlEscaped }

    /// `text` in lines of at most `width` characters (longer words stand alone), each indented.
    static func wrapped(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count > indent.count, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
