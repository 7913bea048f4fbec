import GongkaiCore
import GongkaiIO

extension Session {
    /// A metric's ranking as the chart page draws it: the listed reports in order with body and year, then (without
    /// `top`) the empty ones with their reason, and the quartiles of every ranked report.
    public func rankingChart(_ query: RankQuery) throws(EngineError) -> RankingChart {
        let ranking = try ranking(query)
        var rows = query.listed(ranking).map { entry in
            RankingChart.Row(
                position: entry.position, report: entry.report, body: text(entry.report, "meta.org"),
                year: text(entry.report, "meta.year"), value: entry.value, reason: nil)
        }
        if query.top == nil {
            rows += ranking.unranked.map { item in
                RankingChart.Row(
                    position: nil, report: item.report, body: text(item.report, "meta.org"),
                    year: text(item.report, "meta.year"), value: nil, reason: item.reason ?? "empty")
            }
        }
        return RankingChart(
            title: workbook.metricHeading(query.metric), metric: query.metric, rows: rows,
            quartiles: Shell.quartiles.map { ($0.0, ranking.percentile($0.1)) })
    }

    /// The page of a ranking (``Exporter/rankingPage(_:)``): returned for ``ExportRequest/Destination/text``, else
    /// written atomically to the file, never over a loaded input. A folder is refused: the page holds every report.
    public func export(_ chart: RankingChart, to destination: ExportRequest.Destination) throws -> String? {
        try writePage(Exporter.rankingPage(chart), to: destination)
    }

    /// A metric's trend for one body (`body`: a body's or a report's name, nil the current report's) or, with
    /// `body` `*`, for every loaded body, as a page draws it.
    public func trendChart(_ metric: String, body: String?) throws(EngineError) -> TrendChart {
        let trends = body == "*" ? try trends(metric) : [try trend(metric, body: body)]
        let series = trends.map { trend in
            TrendChart.Series(
                body: "\(trend.body)",
                points: trend.points.map {
                    TrendChart.Point(
                        report: $0.report, year: $0.year, value: $0.value.number, growth: $0.growth.number,
                        reason: $0.reason)
                })
        }
        return TrendChart(title: workbook.metricHeading(metric), metric: metric, series: series)
    }

    /// The page of a trend (``Exporter/trendPage(_:)``), as ``export(_:to:)-(RankingChart,_)`` writes a ranking's.
    public func export(_ chart: TrendChart, to destination: ExportRequest.Destination) throws -> String? {
        try writePage(Exporter.trendPage(chart), to: destination)
    }

    /// A chart's page: returned for ``ExportRequest/Destination/text``, else written atomically to the file, never
    /// over a loaded input. A folder is refused: the page is one document.
    private func writePage(_ page: String, to destination: ExportRequest.Destination) throws -> String? {
        switch destination {
        case .text:
            return page
        case .file(let file):
            try inputs.checkOutput(path(file), shownAs: file)
            try AtomicFile.write(Array(page.utf8), toPath: path(file), shownAs: file)
            return nil
        case .directory:
            throw ExportFailure(description: "a chart is one page for every report: give a file name")
        }
    }
}
