import GongkaiCore
import GongkaiIO

extension Session {
    /// 单位年度治理画像 of a loaded report: its tables; each built-in metric with its value, rank, percentile and
    /// quartiles among every loaded report; its body's trend over the loaded years (``Workbook/bodyYears(of:)``, the
    /// engine's previous-year link); the rules it fails and the soft rules' warnings, with their imbalance.
    public func profile(of report: String) throws -> ReportProfile {
        guard let check = check(report: report) else {
            throw ExportFailure(description: "no report ‘\(report)’ is loaded")
        }
        let years = (try? workbook.bodyYears(of: report)) ?? [report]
        var metrics: [ReportProfile.MetricLine] = []
        for metric in Metric.builtIn {
            let values: [MetricValue]
            do {
                values = try workbook.metricValues(metric.key)
            } catch {
                throw ExportFailure(description: error.description)
            }
            let ranking = MetricRanking(values)
            let own = values.first { $0.report == report }
            var byReport: [String: DecimalNumber] = [:]
            for item in values { byReport[item.report] = item.value.number }
            metrics.append(
                ReportProfile.MetricLine(
                    key: metric.key, title: metric.chineseName, unit: metric.unit.symbol, value: own?.value.number,
                    reason: own?.reason, rank: ranking.rank(of: report), ranked: ranking.ranked.count,
                    percentile: ranking.percentRank(of: report),
                    quartiles: Shell.quartiles.map { ranking.percentile($0.1) }, trend: years.map { byReport[$0] }))
        }
        let rules = check.results.filter(\.status.isFailing) + check.warnings
        return ReportProfile(
            report: try exportReport(report), source: check.source, loaded: workbook.reportCount, metrics: metrics,
            years: years.map { ReportProfile.Year(report: $0, year: text($0, "meta.year")) },
            rules: rules.map { rule in
                ReportProfile.RuleLine(
                    name: rule.name, severity: rule.severity.rawValue, status: rule.status.rawValue,
                    imbalance: Shell.imbalanceText(rule), description: rule.description, isSoft: rule.kind == .soft)
            })
    }
}
