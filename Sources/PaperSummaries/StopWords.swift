/// English stop words (scikit-learn's list, trimmed) and the words of abstracts that say nothing
/// about a paper's topic ("propose", "results"); neither starts or ends a keyphrase.
enum StopWords {
    static func contains(_ word: String) -> Bool {
        let lower = word.lowercased()
        return english.contains(lower) || academic.contains(lower)
    }

    static let english: Set<String> = Set("""
        a about above across after afterwards again against all almost alone along already also
        although always am among amongst an and another any anyhow anyone anything anyway anywhere
        are around as at be became because become becomes becoming been before beforehand behind
        being below beside besides between beyond both but by can cannot could did do does doing done
        down due during each either else elsewhere enough etc even ever every everyone everything
        everywhere except few for former formerly from further had has have having he hence her here
        hereby herein hers herself him himself his how however i if in indeed into is it its itself
        just last latter least less many may me meanwhile might more moreover most mostly much must
        my myself namely neither never nevertheless next no nobody none nor not nothing now nowhere of
        off often on once one only onto or other others otherwise our ours ourselves out over own per
        perhaps please quite rather re same several she should since so some somehow someone something
        sometimes somewhere still such than that the their theirs them themselves then thence there
        thereafter thereby therefore therein thereupon these they this those though through
        throughout thus to together too toward towards under until up upon us very via was we well
        were what whatever when whence whenever where whereas whereby wherein whether which while who
        whoever whole whom whose why will with within without would yet you your yours yourself
        e.g i.e et al vs cf
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    static let academic: Set<String> = Set("""
        paper papers work works study studies approach approaches method methods result results
        propose proposes proposed proposing present presents presented introduce introduces
        introduced show shows shown showing demonstrate demonstrates demonstrated achieve achieves
        achieved achieving outperform outperforms outperforming novel new existing extensive
        experiments experimental experiment state-of-the-art sota significantly significant
        effectiveness effective efficiency efficient performance performances based using use used
        uses via first second third two three various different several specifically particular
        particularly recent recently available code github https http www com io org project page
        furthermore additionally however moreover finally leverage leverages leveraging enable
        enables enabling improve improves improved improving better best higher
        strong simple key main general framework
        """.split(whereSeparator: \.isWhitespace).map(String.init))
}
