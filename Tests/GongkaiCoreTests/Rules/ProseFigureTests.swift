import GongkaiCore
import Testing

/// The prose figures soft rule 11 compares with the tables: keywords, the clause and window they look in, digits of
/// both widths, paragraphs, and a place claimed once by the longest keyword.
@Suite("Prose figures")
struct ProseFigureTests {
    @Test func figuresAreReadByKeywordWithinAClause() {
        let text = """
            本年度共收到政府信息公开申请１７件，办结15 件。
            上年结转2件；结转下年度 3 件。
            行政复议1件，复议后起诉2件，行政诉讼0件。
            收到来信，共计5件
            """
        let figures = ProseFigure.scan(text)
        let seen = figures.map { "\($0.kind.rawValue) \($0.value) ¶\($0.paragraph) \($0.quote)" }
        #expect(
            seen == [
                "received 17 ¶1 共收到政府信息公开申请１７件", "closed 15 ¶1 办结15 件", "carried 2 ¶2 上年结转2件",
                "forward 3 ¶2 结转下年度 3 件", "review 1 ¶3 行政复议1件", "suit 0 ¶3 行政诉讼0件",
            ])
    }

    @Test func aTextWithoutKeywordsHasNoFigures() {
        #expect(ProseFigure.scan("").isEmpty)
        #expect(ProseFigure.scan("本机关依法公开政府信息 12 条。\n无其他情况。").isEmpty)
    }
}
