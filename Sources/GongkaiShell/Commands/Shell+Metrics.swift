import GongkaiCore

// `.metrics`, `.metric`, `.rank` and `.table`: metrics defined once for every report, and the reports ranked and
// tabulated by them. Values are exact decimals; an empty value is `-`, listed with its reason, never ranked as 0.

extension Shell {
    /// `.metrics`: the built-in dictionary and the user metrics, with the current report's values.
    func metricsCommand(_ arguments: String) throws -> ShellStatus {
        guard ArgumentWords.split(arguments).isEmpty else { throw ShellError("usage: .metrics") }
        let current = workbook.currentReport
        var rows: [[String]] = [["metric", "名称", "unit", current ?? "value", "cell"]]
        for name in session.metricNames {
            let (title, unit) = workbook.metricTitle(name)
            let inBook = workbook.metrics.contains { $0.name == name }
            rows.append([
                name, title == name ? "(user)" : title, unit?.symbol ?? "-", currentValue(of: name),
                inBook ? Metric.cellName(name) : "-",
            ])
        }
        for line in TextLayout.columns(rows, rightAligned: [3]) { output.line(line) }
        output.line("yoy(NAME): growth over the previous year in %; .metric KEY brings a metric's cell m.KEY in")
        return .ok
    }

    /// The current report's value of a metric, as shown (`-` when empty or without a report).
    func currentValue(of metric: String) -> String {
        guard let current = workbook.currentReport,
            let value = try? workbook.metricValues(metric).first(where: { $0.report == current })
        else { return "-" }
        return TableView.text(value.value)
    }

    /// `.metric NAME [= FORMULA]`: shows a metric and brings it into every report (a built-in), or defines a user
    /// metric for every report, present and future.
    func metricCommand(_ arguments: String) throws -> ShellStatus {
        let text = arguments.trimmingBlanks()
        if let equals = text.firstIndex(of: "=") {
            let name = String(text[..<equals]).trimmingBlanks()
            let formula = String(text[text.index(after: equals)...]).trimmingBlanks()
            guard !name.isEmpty, !formula.isEmpty else { throw ShellError("usage: .metric NAME = FORMULA") }
            let changes = try attempt { () throws(EngineError) in
                try workbook.defineMetric(name: name, formula: formula)
            }
            noteChange(.snapshot)
            output.line(
                "metric \(name) = \(formula): \(Metric.cellName(name)) in \(workbook.reportNames.count) reports")
            printChanges(changes)
            return .ok
        }
        let words = ArgumentWords.split(text)
        guard words.count == 1, let name = words.first else { throw ShellError("usage: .metric NAME [= FORMULA]") }
        if Metric.named(name) != nil, !workbook.metrics.contains(where: { $0.name == name }) {
            let changes = try attempt { () throws(EngineError) in try workbook.useMetric(name) }
            noteChange(.snapshot)
            output.line("metric \(name): \(Metric.cellName(name)) in \(workbook.reportNames.count) reports")
            printChanges(changes)
            return .ok
        }
        guard
            let definition = workbook.metrics.first(where: { $0.name == name })
                ?? Metric.named(name).map(MetricDefinition.init)
        else {
            throw ShellError("unknown metric ‘\(name)’ (.metrics lists them; .metric NAME = FORMULA defines one)")
        }
        var rows: [[String]] = [["metric", name], ["cell", Metric.cellName(name)], ["formula", definition.formula]]
        if let metric = definition.builtIn {
            rows.insert(["名称", metric.chineseName], at: 1)
            rows += [["口径", metric.definition], ["unit", metric.unit.symbol], ["empty", metric.emptyRule]]
        }
        rows.append(["value", currentValue(of: name)])
        for line in TextLayout.columns(rows) { output.line(line) }
        return .ok
    }

    /// `.rank METRIC [top N] [asc|desc] [where CONDITION]`
    func rankCommand(_ arguments: String) throws -> ShellStatus {
        let query = try Shell.rankQuery(arguments, usage: "usage: .rank METRIC [top N] [asc|desc] [where CONDITION]")
        let metric = query.metric
        let ranking = try attempt { () throws(EngineError) in try session.ranking(query) }
        let current = workbook.currentReport
        var rows: [[String]] = [["#", "report", "body", "year", workbook.metricHeading(metric)]]
        for entry in query.listed(ranking) {
            rows.append(
                [
                    "\(entry.position)", entry.report + (entry.report == current ? " *" : ""),
                    session.text(entry.report, "meta.org") ?? "-", session.text(entry.report, "meta.year") ?? "-",
                    entry.value.description,
                ])
        }
        for item in ranking.unranked where query.top == nil {
            rows.append([
                "-", item.report + (item.report == current ? " *" : ""), session.text(item.report, "meta.org") ?? "-",
                session.text(item.report, "meta.year") ?? "-", "-", item.reason ?? "empty",
            ])
        }
        for line in TextLayout.columns(rows, rightAligned: [0, 4]) { output.line(line) }
        output.line(summary(of: ranking, current: current))
        return .ok
    }

    /// `METRIC [top N] [asc|desc] [where CONDITION]`: the one reading of a ranking's words, for `.rank`, `.chart` and
    /// `.export html FILE --chart …`; throws `usage` when the words do not fit.
    static func rankQuery(_ arguments: String, usage: String) throws -> RankQuery {
        let (words, condition) = Shell.splitWhere(arguments)
        guard let metric = words.first else { throw ShellError(usage) }
        var query = RankQuery(metric: metric)
        query.condition = condition
        var rest = words.dropFirst()
        while let word = rest.popFirst() {
            if let order = MetricRanking.Order(rawValue: word) {
                query.order = order
            } else if word == "top", let count = rest.popFirst().flatMap({ Int($0) }), count > 0 {
                query.top = count
            } else {
                throw ShellError(usage)
            }
        }
        return query
    }

    /// `.chart METRIC [top N] [asc|desc] [where CONDITION]`: the ranking of `.rank` as a bar chart fitted to the
    /// terminal, the empty values after it with their reason, then the quartiles line.
    func chartCommand(_ arguments: String) throws -> ShellStatus {
        let query = try Shell.rankQuery(arguments, usage: "usage: .chart METRIC [top N] [asc|desc] [where CONDITION]")
        let ranking = try attempt { () throws(EngineError) in try session.ranking(query) }
        let current = workbook.currentReport
        let label = { (report: String) in report + (report == current ? " *" : "") }
        var rows = query.listed(ranking).map { BarChart.Row(label: label($0.report), value: $0.value) }
        if query.top == nil {
            rows += ranking.unranked.map { BarChart.Row(label: label($0.report), reason: $0.reason ?? "empty") }
        }
        output.line(workbook.metricHeading(query.metric) + (query.order == .asc ? ", smallest first" : ""))
        for line in BarChart(rows: rows, width: options.width).lines() { output.line(line) }
        output.line(summary(of: ranking, current: current))
        return .ok
    }

    /// `5 ranked, 1 empty; P25 66.67 · P50 85.71 · P75 100; 上犹县政府办_2023: rank 2 of 5, percentile 75`
    func summary(of ranking: MetricRanking, current: String?) -> String {
        var line = "\(ranking.ranked.count) ranked, \(ranking.unranked.count) empty"
        let quartiles = Shell.quartiles.map { (label, p) in
            "\(label) \(ranking.percentile(p).map(\.description) ?? "-")"
        }
        if !ranking.ranked.isEmpty { line += "; " + quartiles.joined(separator: " · ") }
        if let current, let rank = ranking.rank(of: current), let percent = ranking.percentRank(of: current) {
            line += "; \(current): rank \(rank) of \(ranking.ranked.count), percentile \(percent)"
        }
        return line
    }

    /// P25, P50 and P75, as `.rank` and `.table` print them.
    static let quartiles: [(String, DecimalNumber)] = [
        ("P25", DecimalNumber(significand: 25, scale: 2) ?? .zero),
        ("P50", DecimalNumber(significand: 5, scale: 1) ?? .zero),
        ("P75", DecimalNumber(significand: 75, scale: 2) ?? .zero),
    ]

    /// `.table M1 M2 … [by M] [asc|desc] [where CONDITION]`: a row per report, a column per metric, then the
    /// quartiles and the current report's rank and percentile per column.
    func tableCommand(_ arguments: String) throws -> ShellStatus {
        let usage = "usage: .table METRIC… [by METRIC] [asc|desc] [where CONDITION]"
        let (words, condition) = Shell.splitWhere(arguments)
        var metrics: [String] = []
        var by: String?
        var order = MetricRanking.Order.desc
        var rest = words[...]
        while let word = rest.popFirst() {
            if word == "by", let name = rest.popFirst() {
                by = name
            } else if let chosen = MetricRanking.Order(rawValue: word) {
                order = chosen
            } else {
                metrics.append(word)
            }
        }
        if let by, !metrics.contains(by) { metrics.append(by) }
        guard !metrics.isEmpty else { throw ShellError(usage) }
        let columns = try attempt { () throws(EngineError) in
            var columns: [[MetricValue]] = []
            for metric in metrics { columns.append(try session.metricValues(metric, where: condition)) }
            return columns
        }
        let rankings = columns.map { MetricRanking($0) }
        var reports = columns[0].map(\.report)
        if let by, let index = metrics.firstIndex(of: by) {
            let sorted = MetricRanking(columns[index], order: order)
            reports = sorted.ranked.map(\.report) + sorted.unranked.map(\.report)
        }
        let lookup = columns.map { column in
            Dictionary(column.map { ($0.report, $0.value) }, uniquingKeysWith: { a, _ in a })
        }
        let current = workbook.currentReport
        var rows: [[String]] = [
            ["report"]
                + metrics.map { name in
                    let (title, unit) = workbook.metricTitle(name)
                    return title + (unit.map { $0 == .count ? "" : $0.symbol } ?? "")
                }
        ]
        for report in reports {
            rows.append(
                [report + (report == current ? " *" : "")] + lookup.map { TableView.text($0[report] ?? .empty) })
        }
        for (label, p) in Shell.quartiles {
            rows.append([label] + rankings.map { $0.percentile(p).map(\.description) ?? "-" })
        }
        if let current {
            rows.append(
                ["rank"] + rankings.map { r in r.rank(of: current).map { "\($0)/\(r.ranked.count)" } ?? "-" })
            rows.append(["percentile"] + rankings.map { $0.percentRank(of: current).map(\.description) ?? "-" })
        }
        for line in TextLayout.columns(rows, rightAligned: Set(1...metrics.count)) { output.line(line) }
        return .ok
    }

    /// The words before ` where ` and the condition after it (nil without one).
    static func splitWhere(_ arguments: String) -> ([String], String?) {
        let words = ArgumentWords.split(arguments)
        guard let index = words.firstIndex(of: "where") else { return (words, nil) }
        guard let range = arguments.range(of: " where ") ?? arguments.range(of: "where ") else { return (words, nil) }
        let condition = String(arguments[range.upperBound...]).trimmingBlanks()
        return (Array(words[..<index]), condition.isEmpty ? nil : condition)
    }
}
