// The built-in dictionary: the indicators analysts compute from the annual reports, as data. docs/metrics.md lists
// exactly these (a test holds the two together); `.metrics` prints them; the SQLite export writes each per report.

extension Metric {
    /// 申请总量: 本年新收 + 上年结转.
    static let applicationsFormula = "t3.new.total + t3.carried.total"
    /// 办结量: 办理结果（七）总计.
    static let concludedFormula = "t3.total.total"
    /// 已审结的行政复议: 结果维持 + 结果纠正 + 其他结果.
    static let reviewsDecided = "t4.review.upheld + t4.review.corrected + t4.review.other"
    /// 已审结的行政诉讼 (直接起诉 and 复议后起诉): 结果维持 + 结果纠正 + 其他结果.
    static let suitsDecided = "sum(t4.suit.*.upheld, t4.suit.*.corrected, t4.suit.*.other)"

    /// The built-in metrics, in the order `.metrics` lists them.
    public static let builtIn: [Metric] = [
        Metric(
            key: "applications", chineseName: "申请总量",
            definition: "本年新收政府信息公开申请数量 + 上年结转政府信息公开申请数量（总计列）", unit: .count,
            formula: "if(count(t3.new.total, t3.carried.total) = 2, \(applicationsFormula))"),
        Metric(
            key: "concluded", chineseName: "办结量",
            definition: "本年度办理结果（七）总计：本年度办结的申请（不含结转下年度继续办理）", unit: .count,
            formula: concludedFormula),
        rate(
            "disclosure_rate", "予以公开率", "（一）予以公开 ÷ 办结量 × 100%", numerator: "t3.result.open.total",
            denominator: concludedFormula, denominatorName: "办结量"),
        rate(
            "substantive_rate", "实质公开率", "（（一）予以公开 + （二）部分公开）÷ 办结量 × 100%",
            numerator: "t3.result.open.total + t3.result.partial.total", denominator: concludedFormula,
            denominatorName: "办结量"),
        rate(
            "denial_rate", "不予公开率", "（三）不予公开（1–8 项之和）÷ 办结量 × 100%",
            numerator: "sum(t3.result.denied.*.total)", denominator: concludedFormula, denominatorName: "办结量"),
        rate(
            "unable_rate", "无法提供率", "（四）无法提供（1–3 项之和）÷ 办结量 × 100%",
            numerator: "sum(t3.result.unable.*.total)", denominator: concludedFormula, denominatorName: "办结量"),
        rate(
            "skip_rate", "不予处理率", "（五）不予处理（1–5 项之和）÷ 办结量 × 100%",
            numerator: "sum(t3.result.skip.*.total)", denominator: concludedFormula, denominatorName: "办结量"),
        rate(
            "review_correction_rate", "复议纠错率", "行政复议结果纠正 ÷ 已审结的行政复议（结果维持 + 结果纠正 + 其他结果）× 100%",
            numerator: "t4.review.corrected", denominator: reviewsDecided, denominatorName: "已审结的行政复议"),
        rate(
            "suit_correction_rate", "诉讼纠错率",
            "行政诉讼结果纠正（未经复议直接起诉 + 复议后起诉）÷ 已审结的行政诉讼（结果维持 + 结果纠正 + 其他结果）× 100%",
            numerator: "sum(t4.suit.*.corrected)", denominator: suitsDecided, denominatorName: "已审结的行政诉讼"),
        rate(
            "dispute_rate", "行政争议发生率", "（行政复议总计 + 行政诉讼总计）÷ 申请总量 × 100（每百件申请引发的复议、诉讼）",
            unit: .perHundred, numerator: "t4.review.total + t4.suit.direct.total + t4.suit.after.total",
            denominator: applicationsFormula, denominatorName: "申请总量"),
        rate(
            "carryover_rate", "结转率", "结转下年度继续办理 ÷ 申请总量 × 100%", numerator: "t3.forward.total",
            denominator: applicationsFormula, denominatorName: "申请总量"),
    ]
}
