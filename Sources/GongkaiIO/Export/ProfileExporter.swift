import GongkaiCore

extension Exporter {
    /// 单位年度治理画像 of one report (``ReportProfile``) as a standalone document: an HTML5 page (with SVG bars of
    /// the trend, nothing fetched) or a `ctexart` document for xelatex. The official tables are drawn by the `html` and
    /// `latex` exporters' own table code; every text is escaped by the format's one escaper.
    ///
    /// - Parameter tables: the tables to include by id, number or `表三`; `nil` includes every table.
    public static func profile(
        _ profile: ReportProfile, language: ReportProfile.Language, tables: [String]? = nil,
        options: ExportOptions = ExportOptions()
    ) throws(ExportError) -> String {
        let grids = try jobs([profile.report], tables: tables).first?.grids ?? []
        switch language {
        case .html: return ProfileExporter.html(profile, grids: grids)
        case .latex: return ProfileExporter.latex(profile, grids: grids, font: options.latexFont)
        }
    }
}

/// The two renderings of a profile; the parts and their order are the same in both.
enum ProfileExporter {
    static let title = "单位年度治理画像"
    static let metricHeaders = ["指标", "单位", "本报告", "排名", "百分位", "P25", "P50", "P75", "说明"]
    static let ruleHeaders = ["规则", "级别", "状态", "差额", "说明"]
    static let noOtherYear = "未载入该单位其他年度的报告：趋势只有本年度。"
    static let nothingFails = "没有未通过的规则，也没有软规则警告。"

    // MARK: HTML

    static let style = """
        table.facts th { text-align: left; font-weight: normal; }
        table.facts td, table.profile td { text-align: left; }
        table.profile td.number { text-align: right; }
        h3 { text-align: center; font-size: 1em; margin-bottom: 0.25em; }
        """

    static func html(_ profile: ReportProfile, grids: [TableGrid]) -> String {
        typealias H = HTMLExporter
        let report = profile.report
        var out = H.head(title: title + "：" + report.heading, extraStyle: H.chartStyle + "\n" + style)
        out += "<h1>\(title)</h1>\n<h2>\(H.escape(report.heading))</h2>\n<table class=\"facts\">\n"
        for (label, text) in profile.facts {
            out += "<tr><th scope=\"row\">\(label)</th><td>\(H.escape(text))</td></tr>\n"
        }
        out += "</table>\n<h2>指标与排名</h2>\n"
        out += H.plainTable(
            metricHeaders,
            profile.metrics.map { line in
                [
                    line.title, line.unit, ReportProfile.text(line.value), profile.rankText(line),
                    ReportProfile.text(line.percentile),
                ] + line.quartiles.map(ReportProfile.text) + [line.reason ?? ""]
            }, numbers: [2, 4, 5, 6, 7], class: "profile")
        out += "<h2>历年趋势</h2>\n"
        if profile.years.count > 1 {
            out += H.plainTable(
                ["指标"] + profile.years.map(ReportProfile.heading),
                profile.metrics.map { [$0.title] + $0.trend.map(ReportProfile.text) },
                numbers: Set(1...profile.years.count), class: "profile")
            for line in profile.metrics {
                let bars = zip(profile.years, line.trend).compactMap { year, value in
                    value.map { (label: ReportProfile.heading(year), value: $0) }
                }
                guard bars.count > 1 else { continue }
                out += "<h3>\(H.escape(line.title))（\(H.escape(line.unit))）</h3>\n"
                out += H.svgBars(bars, caption: line.title)
            }
        } else {
            out += "<p>\(noOtherYear)</p>\n"
        }
        out += "<h2>未通过的规则与警告</h2>\n"
        if profile.rules.isEmpty {
            out += "<p>\(nothingFails)</p>\n"
        } else {
            out += H.plainTable(
                ruleHeaders,
                profile.rules.map(ruleCells),
                numbers: [3], class: "profile")
        }
        for grid in grids {
            out += "<h2>\(H.escape(grid.table.fullTitle))</h2>\n" + H.table(grid, report: report)
        }
        return out + "</body>\n</html>\n"
    }

    /// A rule's cells: name, severity (`warning（软规则）` for a soft rule), status, imbalance, description.
    static func ruleCells(_ rule: ReportProfile.RuleLine) -> [String] {
        [rule.name, rule.severity + (rule.isSoft ? "（软规则）" : ""), rule.status, rule.imbalance, rule.description]
    }

    // MARK: LaTeX

    static func latex(_ profile: ReportProfile, grids: [TableGrid], font: LaTeXFont) -> String {
        let report = profile.report
        let e = LaTeXText.escape
        var out = LaTeXExporter.preamble(font, extraPackages: ["longtable"])
        out += "\\begin{document}\n\\begin{center}\n{\\zihao{3}\\bfseries \(title)}\n\n\\smallskip"
        out += "{\\large \(e(report.heading))}\n\\end{center}\n\n"
        out += "\\begin{center}\n\\begin{tabular}{|l|>{\\raggedright\\arraybackslash}p{11cm}|}\n\\hline\n"
        for (label, text) in profile.facts { out += "\(label) & \(e(text)) \\\\\n\\hline\n" }
        out += "\\end{tabular}\n\\end{center}\n\n\\section*{指标与排名}\n{\\small\\setlength{\\tabcolsep}{3pt}\n"
        out += longtable(
            "|>{\\raggedright\\arraybackslash}p{2.6cm}|c|r|c|r|r|r|r|>{\\raggedright\\arraybackslash}p{2.6cm}|",
            metricHeaders,
            profile.metrics.map { line in
                [
                    line.title, line.unit, ReportProfile.text(line.value), profile.rankText(line),
                    ReportProfile.text(line.percentile),
                ] + line.quartiles.map(ReportProfile.text) + [line.reason ?? ""]
            })
        out += "}\n\n\\section*{历年趋势}\n"
        if profile.years.count > 1 {
            out += "{\\small\n"
            out += longtable(
                "|>{\\raggedright\\arraybackslash}p{4cm}|" + String(repeating: "r|", count: profile.years.count),
                ["指标"] + profile.years.map(ReportProfile.heading),
                profile.metrics.map { [$0.title] + $0.trend.map(ReportProfile.text) })
            out += "}\n\n"
        } else {
            out += "\(noOtherYear)\n\n"
        }
        out += "\\section*{未通过的规则与警告}\n"
        if profile.rules.isEmpty {
            out += "\(nothingFails)\n\n"
        } else {
            out += "{\\small\\setlength{\\tabcolsep}{3pt}\n"
            out += longtable(
                "|>{\\raggedright\\arraybackslash}p{3.6cm}|c|c|r|>{\\raggedright\\arraybackslash}p{7.4cm}|",
                ruleHeaders, profile.rules.map(ruleCells))
            out += "}\n\n"
        }
        for grid in grids {
            out += "\\section*{\(e(grid.table.fullTitle))}\n" + LaTeXExporter.table(grid, report: report)
        }
        return out + "\\end{document}\n"
    }

    /// A `longtable` (it breaks across pages) with a bold header row repeated on each page; cells escaped.
    static func longtable(_ spec: String, _ headers: [String], _ rows: [[String]]) -> String {
        let head = headers.map { "\\bfseries " + LaTeXText.escape($0) }.joined(separator: " & ") + " \\\\\n\\hline\n"
        var out = "\\begin{longtable}{\(spec)}\n\\hline\n" + head + "\\endhead\n"
        for row in rows { out += row.map(LaTeXText.escape).joined(separator: " & ") + " \\\\\n\\hline\n" }
        return out + "\\end{longtable}\n"
    }
}
