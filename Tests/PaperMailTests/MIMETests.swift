import Foundation
import NIOCore
import NIOEmbedded
import Testing
@testable import PaperMail
import TestSupport

@Suite struct MIMETests {
    @Test func quotedPrintableKeepsLinesShortAndRoundTrips() {
        let text = String(repeating: "Grüße = 100 % ☕ ", count: 30) + " \nnext line\t\n\n.dot"
        let encoded = MIME.quotedPrintable(text)
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76)
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"))
        }
        #expect(encoded.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(ReceivedMail.decodeQuotedPrintable(encoded.replacingOccurrences(of: "\r\n", with: "\n"))
            == text)
    }

    @Test func encodedWordsAreShortAndKeepCharactersWhole() {
        let subject = String(repeating: "Trending ☕ papers für Jürgen — ", count: 6)
        let words = MIME.encodedWords(subject)
        #expect(words.count > 1)
        for word in words {
            #expect(word.count <= 75)
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            #expect(String(data: Data(base64Encoded: String(payload))!, encoding: .utf8) != nil)
        }
        #expect(ReceivedMail.decodeWords(words.joined(separator: " ")) == subject)
        let header = MIME.header("Subject", MIME.headerText(subject))
        for line in header.components(separatedBy: "\r\n").dropLast() { #expect(line.utf8.count <= 78) }
    }

    @Test func displayNamesAreQuotedOrEncoded() {
        #expect(MIME.address(MailAddress("a@b.c", name: "Ada Lovelace")) == "Ada Lovelace <a@b.c>")
        #expect(MIME.address(MailAddress("a@b.c", name: "Lovelace, Ada \"A\"")) == "\"Lovelace, Ada \\\"A\\\"\" <a@b.c>")
        #expect(MIME.address(MailAddress("a@b.c", name: "Zoë")) == "=?UTF-8?B?Wm/Dqw==?= <a@b.c>")
        #expect(MIME.address(MailAddress("a@b.c")) == "a@b.c")
    }

    @Test func renderedMessageIsCRLFWithDateAndMessageID() {
        let message = MailMessage(from: MailAddress("x@example.org"), to: "y@example.net", subject: "Hi",
                                  textBody: "line\nline 2", headers: [("X-Evil\r\nBcc", "v"), ("X-Ok", "a\r\nBcc: z@z")],
                                  messageID: "id-1@example.org", date: Date(timeIntervalSince1970: 1_741_676_400))
        let rendered = message.rendered()
        #expect(rendered.hasPrefix("Date: Tue, 11 Mar 2025 07:00:00 +0000\r\nFrom: x@example.org\r\n"))
        #expect(rendered.contains("\r\nMessage-ID: <id-1@example.org>\r\n"))
        #expect(rendered.contains("\r\nX-Ok: a Bcc: z@z\r\n"))
        #expect(!rendered.contains("X-Evil"))
        #expect(rendered.hasSuffix("\r\n\r\nline\r\nline 2\r\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func dataTransmissionDoublesLeadingDots() {
        #expect(SMTPMailer.dataTransmission("a\r\n.b\r\n.\r\n") == "a\r\n..b\r\n..\r\n.\r\n")
        #expect(SMTPMailer.dataTransmission("no newline") == "no newline\r\n.\r\n")
    }

    @Test func replyDecoderJoinsMultiLineReplies() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SMTPReplyDecoder()))
        try channel.writeInbound(ByteBuffer(string: "250-smtp.example.org\r\n250-AUTH PLAIN LOGIN\r\n"))
        #expect(try channel.readInbound(as: SMTPReply.self) == nil)
        try channel.writeInbound(ByteBuffer(string: "250 STARTTLS\r\n354 go\r\n"))
        #expect(try channel.readInbound(as: SMTPReply.self)
            == SMTPReply(code: 250, lines: ["smtp.example.org", "AUTH PLAIN LOGIN", "STARTTLS"]))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 354, lines: ["go"]))
        #expect(throws: SMTPError.self) { try channel.writeInbound(ByteBuffer(string: "hello\r\n")) }
    }
}
