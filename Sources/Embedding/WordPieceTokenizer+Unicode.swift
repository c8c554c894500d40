// Character classes of BERT's basic tokenizer, as HF `tokenizers` (BertNormalizer,
// BertPreTokenizer) defines them. See embedding-reference/README.md, "Preprocessing".
extension Unicode.Scalar {
    /// Removed while cleaning: NUL, U+FFFD and categories Cc, Cf, Co, Cs except tab/newline/CR.
    var isBertRemoved: Bool {
        switch value {
        case 0, 0xFFFD: return true
        case 0x09, 0x0A, 0x0D: return false
        default: break
        }
        switch properties.generalCategory {
        case .control, .format, .privateUse, .surrogate: return true
        default: return false
        }
    }

    /// Splits words: space, tab, newline, CR, category Zs, and U+2028/U+2029 (as `str.split`).
    var isBertWhitespace: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x2028, 0x2029: return true
        case 0..<0x80: return false
        default: return properties.generalCategory == .spaceSeparator
        }
    }

    /// CJK ideographs that become words of their own (the HF `tokenizers` ranges).
    var isBertCJK: Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// All non-alphanumeric printable ASCII, plus Unicode categories P*.
    var isBertPunctuation: Bool {
        switch value {
        case 33...47, 58...64, 91...96, 123...126: return true
        case 0..<0x80: return false
        default: break
        }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
