import GongkaiCore

// `.diff`, `.trend` and `.alias`: one body's years side by side. The session computes (``ReportDiff``,
// ``MetricTrend``); these commands only render, aligned for Chinese text by ``TextLayout/columns(_:rightAligned:gap:)``.

extension Shell {
    /// `.diff [A] [B] [--threshold N]`
    func diffCommand(_ arguments: String) throws -> ShellStatus {
        let usage = "usage: .diff [A] [B] [--threshold N]"
        var names: [String] = []
        var threshold = ReportDiff.defaultThreshold
        var words = ArgumentWords.split(arguments)[...]
        while let word = words.popFirst() {
            if word == "--threshold" {
                guard let text = words.popFirst(), let n = DecimalNumber(text), !n.isNegative else {
                    throw ShellError("--threshold takes a number of per cent (50 by default)")
                }
                threshold = n
            } else if word.hasPrefix("-") || names.count == 2 {
                throw ShellError(usage)
            } else {
                names.append(word)
            }
        }
        let diff = try attempt { () throws(EngineError) in
            try session.diff(names.first, names.count > 1 ? names[1] : nil, threshold: threshold)
        }
        render(diff)
        return .ok
    }

    func render(_ diff: ReportDiff) {
        let (a, b) = (diff.before, diff.after)
        output.line("\(a) → \(b): \(diff.comparedCells) cells compared; 同比突变 at |Δ%| ≥ \(diff.threshold)")
        if !diff.cells.isEmpty {
            output.line("")
            output.line("cells (\(diff.cells.count) differ)")
            var rows: [[String]] = [["cell", "label", a, b, "Δ", "Δ%", ""]]
            for change in diff.cells {
                rows.append([change.name, change.label] + Shell.columns(of: change))
            }
            // The labels give way to the numbers when the terminal is narrow.
            for line in TextLayout.columns(rows, rightAligned: [2, 3, 4, 5], fitting: (options.width, 1, 16)) {
                output.line(line)
            }
        }
        if !diff.metrics.isEmpty {
            output.line("")
            output.line("metrics (\(diff.metrics.count) differ)")
            var rows: [[String]] = [["metric", "名称", a, b, "Δ", "Δ%", ""]]
            for change in diff.metrics { rows.append([change.name, change.label] + Shell.columns(of: change)) }
            for line in TextLayout.columns(rows, rightAligned: [2, 3, 4, 5]) { output.line(line) }
        }
        if !diff.rules.isEmpty {
            output.line("")
            output.line("rules (\(diff.rules.count) differ)")
            var rows: [[String]] = [["rule", a, b, "says"]]
            for rule in diff.rules {
                rows.append([rule.name, rule.before.rawValue, rule.after.rawValue, rule.description])
            }
            for line in TextLayout.columns(rows, fitting: (options.width, 3, 16)) { output.line(line) }
        }
        output.line("")
        output.line(
            diff.cells.isEmpty && diff.metrics.isEmpty && diff.rules.isEmpty
                ? "no difference"
                : "\(diff.cells.count) cells, \(diff.metrics.count) metrics, \(diff.rules.count) rules differ; "
                    + "\(diff.jumps.count) 同比突变")
    }

    /// Both values, Δ, Δ% and the jump mark of a change: an empty side shows as `empty`, never as 0.
    static func columns(of change: ReportDiff.Change) -> [String] {
        func side(_ value: Value) -> String { value.isEmpty ? "empty" : value.description }
        return [
            side(change.before), side(change.after), TableView.text(change.delta), TableView.text(change.percent),
            change.isJump ? "同比突变" : "",
        ]
    }

    /// `.trend METRIC [BODY]`
    func trendCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard (1...2).contains(words.count) else { throw ShellError("usage: .trend METRIC [BODY|*]") }
        if words.count == 2, words[1] == "*" { return try trendsCommand(words[0]) }
        let trend = try attempt { () throws(EngineError) in
            try session.trend(words[0], body: words.count > 1 ? words[1] : nil)
        }
        output.line("\(workbook.metricHeading(trend.metric)) of \(trend.body), \(trend.points.count) years")
        var rows: [[String]] = [["year", "report", "value", "yoy %", ""]]
        for point in trend.points {
            rows.append([
                "\(point.year)", point.report, TableView.text(point.value), TableView.text(point.growth),
                point.reason ?? "",
            ])
        }
        for line in TextLayout.columns(rows, rightAligned: [0, 2, 3]) { output.line(line) }
        let numbers = trend.numbers
        let range = numbers.isEmpty ? "no values" : "min \(numbers.min() ?? 0) · max \(numbers.max() ?? 0)"
        output.line(Sparkline(trend.points.map { $0.value.number }).text + "  " + range)
        return .ok
    }

    /// `.trend METRIC *`: one line per body — its years, a sparkline of the values, the first and last value and
    /// the last growth — aligned, bodies with the most years first (then in load order).
    func trendsCommand(_ metric: String) throws -> ShellStatus {
        let trends = try attempt { () throws(EngineError) in try session.trends(metric) }
        output.line("\(workbook.metricHeading(metric)) of \(trends.count) bodies")
        var rows: [[String]] = [["body", "years", "trend", "first", "last", "yoy %"]]
        let ordered = trends.enumerated().sorted { a, b in
            a.element.points.count != b.element.points.count
                ? a.element.points.count > b.element.points.count : a.offset < b.offset
        }
        for (_, trend) in ordered {
            let years = trend.points.map(\.year)
            let span = years.count > 1 ? "\(years.first ?? 0)–\(years.last ?? 0)" : "\(years.first ?? 0)"
            rows.append([
                "\(trend.body)", span, Sparkline(trend.points.map { $0.value.number }).text,
                trend.points.first.map { TableView.text($0.value) } ?? "-",
                trend.points.last.map { TableView.text($0.value) } ?? "-",
                trend.points.last.map { TableView.text($0.growth) } ?? "-",
            ])
        }
        for line in TextLayout.columns(rows, rightAligned: [3, 4, 5]) {
            try stopIfInterrupted()
            output.line(line)
        }
        return .ok
    }

    /// `.alias [BODY = OTHER]`: lists the aliases, or declares two body names one body.
    func aliasCommand(_ arguments: String) throws -> ShellStatus {
        let text = arguments.trimmingBlanks()
        guard !text.isEmpty else {
            let aliases = workbook.bodyAliases
            if aliases.isEmpty { output.line("no aliases (.alias BODY = OTHER declares one)") }
            for alias in aliases { output.line("\(alias.body) = \(alias.other)") }
            return .ok
        }
        let parts = text.split(separator: "=", omittingEmptySubsequences: false).map {
            String($0).trimmingBlanks()
        }
        guard parts.count == 2, let body = BodyKey(parts[0]), let other = BodyKey(parts[1]) else {
            throw ShellError("usage: .alias BODY = OTHER (two body names; .alias alone lists them)")
        }
        guard body != other else {
            throw ShellError("‘\(parts[0])’ and ‘\(parts[1])’ are one body already (both are \(body))")
        }
        let changes = try attempt { () throws(EngineError) in try workbook.addAlias(body, other) }
        noteChange(.snapshot)
        output.line("alias \(body) = \(other): one body")
        printChanges(changes)
        return .ok
    }
}
