/// A family of rules sharing one meaning: `t3.balance.<col>`, `t3.rowsum.<row>`, `domain`, a soft rule, a user rule.
///
/// `.explain RULE` prints the family's documentation; `docs/rules.md` describes the same families in its tables.
public enum RuleFamily: String, Sendable, Hashable, CaseIterable {
    /// `t3.balance.<col>`: 一 + 二 = （七）总计 + 四, per column of table 三.
    case balance = "t3.balance"
    /// `t3.colsum.<col>`: （七）总计 = the 21 办理结果 rows, per column.
    case columnSum = "t3.colsum"
    /// `t3.rowsum.<row>`: 总计 = the six applicant columns, per row of table 三.
    case rowSum = "t3.rowsum"
    /// `t4.rowsum.<row>`: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    case reviewSum = "t4.rowsum"
    /// `domain`: non-negative, whole numbers except amounts.
    case domain
    /// `xyear.carried.<col>`: this year's 上年结转 = last year's 结转下年度继续办理.
    case carriedOver = "xyear.carried"
    /// `xyear.valid.<row>`: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止 (soft rule 10).
    case validContinuity = "xyear.valid"
    /// `text.<figure>`: a figure quoted in the prose equals its table cells (soft rule 11).
    case prose = "text"
    /// `text.fee`: section 六 reports 信息处理费 (soft rule 13, and rule 4 of the format).
    case processingFee = "text.fee"
    /// `plausible.count.<cell>`: a count within what any body reports.
    case plausibleCount = "plausible.count"
    /// `plausible.jump.<cell>`: a figure that does not jump by more than a factor from the year before.
    case plausibleJump = "plausible.jump"
    /// A rule added with `.rule`.
    case user

    /// The family of a rule by its name and kind.
    public static func of(_ result: RuleResult) -> RuleFamily {
        if result.kind == .user { return .user }
        if result.name == "domain" { return .domain }
        if result.name == "text.fee" { return .processingFee }
        // Longest prefix first, so `text.fee` is not taken for `text`.
        let prefixed = allCases.filter { $0 != .user && $0 != .domain && $0 != .processingFee }
            .sorted { $0.rawValue.count > $1.rawValue.count }
        return prefixed.first { result.name.hasPrefix($0.rawValue + ".") } ?? .user
    }

    /// What the family checks and where it comes from, for `.explain`.
    public var documentation: String {
        switch self {
        case .balance:
            "The 勾稽关系 printed in the corner of table 三 (rule 1 of the format): 第一项加第二项之和，等于第三项加第四项之和, "
                + "for every column: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理."
        case .columnSum:
            "（七）总计 is the sum of the 21 办理结果 rows （一）…（六） of its column (implied by the layout, rule 5): "
                + "each application lands in exactly one result row."
        case .rowSum:
            "The 总计 column of table 三 is 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 "
                + "(implied by the layout, rule 6), for every row."
        case .reviewSum:
            "Each 总计 of table 四 is 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (rule 7), for 行政复议, 未经复议直接起诉 and 复议后起诉."
        case .domain:
            "Every numeric cell is non-negative (unless its column is signed) and a whole number unless its unit is 万元 "
                + "or 元 (rule 8)."
        case .carriedOver:
            "Across two years of one body: this year's 二、上年结转 equals last year's 四、结转下年度继续办理, per column "
                + "(soft rule 9; a warning)."
        case .validContinuity:
            "Across two years of one body: 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数 (soft rule 10; "
                + "a warning, often false where a 清理 campaign re-bases the count)."
        case .prose:
            "A figure quoted in the prose (收到/受理 N 件, 办结 N 件, 结转 N 件, 行政复议 N 件, 行政诉讼 N 件) equals the table "
                + "cells it names (soft rule 11; a warning: narratives sometimes count differently)."
        case .processingFee:
            "信息处理费 is reported in section 六 (rule 4 of the format); if applications ended because a fee went unpaid "
                + "(（六）2), section 六 must not say that no fee was charged (soft rule 13; a warning)."
        case .plausibleCount:
            "A count far outside what any body reports (beyond the bound documented in docs/rules.md) is likely a "
                + "reading or typing error: glued digits, a number from elsewhere (a warning)."
        case .plausibleJump:
            "Across two years of one body, a figure that grows or shrinks by more than the documented factor is worth a "
                + "second look (a warning)."
        case .user:
            "Added with .rule: a comparison keeps its sides (imbalance = left − right); any other expression holds "
                + "when it is a non-zero number."
        }
    }
}
