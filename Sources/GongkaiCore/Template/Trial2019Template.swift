// The 2019 trial format of 国办公开办函〔2019〕60号, written down once like ``ReportTemplate/official2021``. Tables 三
// and 四 keep the 2021 cell names wherever the cell is the same, so the cross-year rule links a 2019-format report to
// the next year's 2021-format one; table 二 and （六）其他处理 (one row, no sub-items) are the trial format's own.

extension ReportTemplate {
    /// 《政府信息公开工作年度报告格式（试行）》 (国办公开办函〔2019〕60号): 22 cells in table 二, one （六） row in 三.
    public static let trial2019 = ReportTemplate(
        id: "2019",
        source: "国办公开办函〔2019〕60号",
        tables: [trial2019Table2, trial2019Table3, table4],
        balances: [balance],
        crossYear: [carriedOver],
        textCells: textCells,
        // Table 二's headers the 2021 format has not: 2021's own labels (本年处理决定数量 …) contain none of them, and
        // prose rarely prints them (采购项目数量 is left out for that reason).
        markers: ["本年新制作数量", "本年新公开数量", "对外公开总数量", "第二十条第（九）项"])

    /// The formats Gongkai reads, newest first; a template id names one of them in workbook files.
    public static let all: [ReportTemplate] = [.official2021, .trial2019]

    /// The template with this id (`2021`, `2019`), if Gongkai knows it.
    public static func named(_ id: String) -> ReportTemplate? { all.first { $0.id == id } }

    // MARK: Table 二 (2019)

    static let trial2019Itemised: [TemplateColumn] = [
        TemplateColumn("prior", ["上一年项目数量"]),
        TemplateColumn("change", ["本年增/减"], isSigned: true),
        TemplateColumn("decided", ["处理决定数量"]),
    ]

    static let trial2019Table2 = TemplateTable(
        id: "t2", number: "二", title: "主动公开政府信息情况",
        sections: [
            TemplateSection(
                heading: "第二十条第（一）项", rowHeader: "信息内容",
                columns: [
                    TemplateColumn("created", ["本年新制作数量"]),
                    TemplateColumn("published", ["本年新公开数量"]),
                    TemplateColumn("public", ["对外公开总数量"]),
                ],
                rows: [
                    TemplateRow("reg", ["第二十条第（一）项", "规章"]),
                    TemplateRow("norm", ["第二十条第（一）项", "规范性文件"]),
                ]),
            TemplateSection(
                heading: "第二十条第（五）项", rowHeader: "信息内容", columns: trial2019Itemised,
                rows: [
                    TemplateRow("permit", ["第二十条第（五）项", "行政许可"]),
                    TemplateRow("service", ["第二十条第（五）项", "其他对外管理服务事项"]),
                ]),
            TemplateSection(
                heading: "第二十条第（六）项", rowHeader: "信息内容", columns: trial2019Itemised,
                rows: [
                    TemplateRow("penalty", ["第二十条第（六）项", "行政处罚"]),
                    TemplateRow("coercion", ["第二十条第（六）项", "行政强制"]),
                ]),
            TemplateSection(
                heading: "第二十条第（八）项", rowHeader: "信息内容", columns: Array(trial2019Itemised.prefix(2)),
                rows: [TemplateRow("fee", ["第二十条第（八）项", "行政事业性收费"])]),
            TemplateSection(
                heading: "第二十条第（九）项", rowHeader: "信息内容",
                columns: [
                    TemplateColumn("projects", ["采购项目数量"]),
                    TemplateColumn("amount", ["采购总金额"], unit: .yuan),
                ],
                rows: [TemplateRow("procure", ["第二十条第（九）项", "政府集中采购"])]),
        ],
        layout: .sections)

    // MARK: Table 三 (2019)

    /// The 2021 result rows with （六）其他处理 as one leaf row instead of its three sub-items.
    static let trial2019ResultRows: [TemplateRow] = {
        var rows = resultRows.filter { !$0.key.hasPrefix("result.other.") }
        let total = rows.firstIndex { $0.role == .total } ?? rows.endIndex
        rows.insert(TemplateRow("result.other", [resultsLabel, "（六）其他处理"], role: .leaf), at: total)
        return rows
    }()

    static let trial2019Table3 = TemplateTable(
        id: "t3", number: "三", title: table3.title,
        sections: [
            TemplateSection(
                columns: applicantColumns,
                rows: [TemplateRow("new", ["一、本年新收政府信息公开申请数量"]), TemplateRow("carried", ["二、上年结转政府信息公开申请数量"])]
                    + trial2019ResultRows + [TemplateRow("forward", ["四、结转下年度继续办理"])])
        ],
        layout: table3.layout)
}
