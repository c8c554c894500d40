/// Renders the inside of `$…$` as escaped HTML: common TeX commands become Unicode symbols,
/// `^{…}` and `_{…}` become superscripts and subscripts, font commands keep their argument.
/// Anything unknown stays as written, escaped.
enum TeXSymbols {
    static func render(_ tex: Substring) -> String {
        var output = ""
        var index = tex.startIndex
        while index < tex.endIndex {
            let character = tex[index]
            switch character {
            case "\\":
                let nameStart = tex.index(after: index)
                let name = tex[nameStart...].prefix { $0.isLetter }
                index = tex.index(nameStart, offsetBy: name.count)
                if name.isEmpty, index < tex.endIndex {
                    output += RichText.escape(String(tex[index]))  // \{ \% \, and friends
                    index = tex.index(after: index)
                } else if let symbol = symbols[String(name)] {
                    output += symbol
                } else if fontCommands.contains(String(name)) {
                    continue  // the argument group that follows is rendered as is
                } else {
                    output += RichText.escape("\\" + name)
                }
            case "^", "_":
                let tag = character == "^" ? "sup" : "sub"
                index = tex.index(after: index)
                let (argument, next) = group(in: tex, at: index)
                output += "<\(tag)>" + render(argument) + "</\(tag)>"
                index = next
            case "{", "}":
                index = tex.index(after: index)
            default:
                output += RichText.escape(String(character))
                index = tex.index(after: index)
            }
        }
        return output
    }

    /// The `{…}` group or single character at `index`, and the index after it.
    private static func group(in tex: Substring, at index: Substring.Index) -> (Substring, Substring.Index) {
        guard index < tex.endIndex else { return ("", index) }
        guard tex[index] == "{" else { return (tex[index...index], tex.index(after: index)) }
        var depth = 0
        var cursor = index
        while cursor < tex.endIndex {
            if tex[cursor] == "{" { depth += 1 }
            if tex[cursor] == "}" {
                depth -= 1
                if depth == 0 { return (tex[tex.index(after: index)..<cursor], tex.index(after: cursor)) }
            }
            cursor = tex.index(after: cursor)
        }
        return (tex[tex.index(after: index)...], tex.endIndex)
    }

    private static let fontCommands: Set<String> = [
        "mathbf", "mathrm", "mathit", "mathcal", "mathbb", "mathsf", "mathtt", "text", "textbf", "textit",
        "boldsymbol", "operatorname", "emph", "mathbfit", "bm",
    ]

    private static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
        "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ",
        "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ",
        "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "times": "×", "cdot": "·", "pm": "±", "leq": "≤", "le": "≤",
        "geq": "≥", "ge": "≥", "neq": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡", "infty": "∞",
        "rightarrow": "→", "to": "→", "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦", "in": "∈",
        "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩", "sum": "∑", "prod": "∏",
        "int": "∫", "partial": "∂", "nabla": "∇", "sqrt": "√", "ell": "ℓ", "log": "log", "exp": "exp",
        "max": "max", "min": "min", "ldots": "…", "dots": "…", "cdots": "⋯", "forall": "∀", "exists": "∃",
        "propto": "∝", "circ": "∘", "star": "⋆", "ast": "∗", "%": "%",
    ]
}
