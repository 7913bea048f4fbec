// The official format of 国办公开办函〔2021〕30号, written down once. Cell names, labels, totals, rules, display and
// export geometry all derive from this value; nothing else in the product keeps its own list of rows or columns.

extension ReportTemplate {
    /// 《中华人民共和国政府信息公开工作年度报告格式》 (国办公开办函〔2021〕30号): 200 numeric cells in three tables.
    public static let official2021 = ReportTemplate(
        id: "2021",
        source: "国办公开办函〔2021〕30号",
        tables: [table2, table3, table4],
        balances: [balance],
        crossYear: [carriedOver],
        textCells: textCells)

    static let textCells: [TemplateTextCell] = [
        TemplateTextCell("meta.org", "发布机关"),
        TemplateTextCell("meta.year", "报告年度"),
        TemplateTextCell("meta.title", "标题"),
        TemplateTextCell("text.s1", "一、总体情况"),
        TemplateTextCell("text.s2", "二、主动公开政府信息情况"),
        TemplateTextCell("text.s3", "三、收到和处理政府信息公开申请情况"),
        TemplateTextCell("text.s4", "四、政府信息公开行政复议、行政诉讼情况"),
        TemplateTextCell("text.s5", "五、存在的主要问题及改进情况"),
        TemplateTextCell("text.s6", "六、其他需要报告的事项"),
    ]

    // MARK: Table 二

    static let table2 = TemplateTable(
        id: "t2", number: "二", title: "主动公开政府信息情况",
        sections: [
            TemplateSection(
                heading: "第二十条第（一）项", rowHeader: "信息内容",
                columns: [
                    TemplateColumn("made", ["本年制发件数"]),
                    TemplateColumn("repealed", ["本年废止件数"]),
                    TemplateColumn("valid", ["现行有效件数"]),
                ],
                rows: [
                    TemplateRow("reg", ["第二十条第（一）项", "规章"]),
                    TemplateRow("norm", ["第二十条第（一）项", "行政规范性文件"]),
                ]),
            TemplateSection(
                heading: "第二十条第（五）项", rowHeader: "信息内容",
                columns: [TemplateColumn("decided", ["本年处理决定数量"])],
                rows: [TemplateRow("permit", ["第二十条第（五）项", "行政许可"])]),
            TemplateSection(
                heading: "第二十条第（六）项", rowHeader: "信息内容",
                columns: [TemplateColumn("decided", ["本年处理决定数量"])],
                rows: [
                    TemplateRow("penalty", ["第二十条第（六）项", "行政处罚"]),
                    TemplateRow("coercion", ["第二十条第（六）项", "行政强制"]),
                ]),
            TemplateSection(
                heading: "第二十条第（八）项", rowHeader: "信息内容",
                columns: [TemplateColumn("amount", ["本年收费金额（单位：万元）"], unit: .tenThousandYuan)],
                rows: [TemplateRow("fee", ["第二十条第（八）项", "行政事业性收费"])]),
        ],
        layout: .sections)

    // MARK: Table 三

    static let applicantColumns: [TemplateColumn] = [
        TemplateColumn("natural", ["申请人情况", "自然人"]),
        TemplateColumn("commercial", ["法人或其他组织", "商业企业"]),
        TemplateColumn("research", ["法人或其他组织", "科研机构"]),
        TemplateColumn("nonprofit", ["法人或其他组织", "社会公益组织"]),
        TemplateColumn("legal", ["法人或其他组织", "法律服务机构"]),
        TemplateColumn("otherorg", ["法人或其他组织", "其他"]),
        TemplateColumn("total", ["总计"], isTotal: true),
    ]

    static let applicantHeader: [HeaderNode] = [
        .group(
            "申请人情况",
            [
                .column("natural", label: "自然人"),
                .group(
                    "法人或其他组织",
                    [
                        .column("commercial", label: "商业企业"),
                        .column("research", label: "科研机构"),
                        .column("nonprofit", label: "社会公益组织"),
                        .column("legal", label: "法律服务机构"),
                        .column("otherorg", label: "其他"),
                    ]),
                .column("total", label: "总计"),
            ])
    ]

    static let resultsLabel = "三、本年度办理结果"

    /// The 21 leaf rows of 三、本年度办理结果 plus （七）总计, whose labels nest (（三）不予公开 / 1.属于国家秘密).
    static let resultRows: [TemplateRow] = {
        func leaf(_ key: String, _ labels: String...) -> TemplateRow {
            TemplateRow("result." + key, [resultsLabel] + labels, role: .leaf)
        }
        let denied = "（三）不予公开"
        let unable = "（四）无法提供"
        let skip = "（五）不予处理"
        let other = "（六）其他处理"
        return [
            leaf("open", "（一）予以公开"),
            leaf("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            leaf("denied.secret", denied, "1.属于国家秘密"),
            leaf("denied.law", denied, "2.其他法律行政法规禁止公开"),
            leaf("denied.safety", denied, "3.危及“三安全一稳定”"),
            leaf("denied.third", denied, "4.保护第三方合法权益"),
            leaf("denied.internal", denied, "5.属于三类内部事务信息"),
            leaf("denied.process", denied, "6.属于四类过程性信息"),
            leaf("denied.enforce", denied, "7.属于行政执法案卷"),
            leaf("denied.query", denied, "8.属于行政查询事项"),
            leaf("unable.notheld", unable, "1.本机关不掌握相关政府信息"),
            leaf("unable.create", unable, "2.没有现成信息需要另行制作"),
            leaf("unable.unclear", unable, "3.补正后申请内容仍不明确"),
            leaf("skip.petition", skip, "1.信访举报投诉类申请"),
            leaf("skip.repeat", skip, "2.重复申请"),
            leaf("skip.pub", skip, "3.要求提供公开出版物"),
            leaf("skip.mass", skip, "4.无正当理由大量反复申请"),
            leaf("skip.confirm", skip, "5.要求行政机关确认或重新出具已获取信息"),
            leaf("other.nofix", other, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            leaf("other.nofee", other, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            leaf("other.misc", other, "3.其他"),
            TemplateRow("total", [resultsLabel, "（七）总计"], role: .total),
        ]
    }()

    static let table3 = TemplateTable(
        id: "t3", number: "三", title: "收到和处理政府信息公开申请情况",
        sections: [
            TemplateSection(
                columns: applicantColumns,
                rows: [TemplateRow("new", ["一、本年新收政府信息公开申请数量"]), TemplateRow("carried", ["二、上年结转政府信息公开申请数量"])]
                    + resultRows + [TemplateRow("forward", ["四、结转下年度继续办理"])])
        ],
        layout: .grid(header: applicantHeader, corner: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"))

    /// Rule 1, printed in the corner of table 三: 第一项 + 第二项 = 第三项 + 第四项, for every column.
    static let balance = RowBalance(
        name: "t3.balance", description: "本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理", table: "t3",
        lhsRows: ["new", "carried"], rhsRows: ["total", "forward"])

    /// Rule 9 (soft): this year's 上年结转 equals last year's 结转下年度继续办理.
    static let carriedOver = CrossYearRule(
        name: "xyear.carried", description: "本年 上年结转 = 上一年 结转下年度继续办理", table: "t3",
        thisYearRow: "carried", lastYearRow: "forward")

    // MARK: Table 四

    static let outcomeColumns: [TemplateColumn] = [
        TemplateColumn("upheld", ["结果维持"]),
        TemplateColumn("corrected", ["结果纠正"]),
        TemplateColumn("other", ["其他结果"]),
        TemplateColumn("pending", ["尚未审结"]),
        TemplateColumn("total", ["总计"], isTotal: true),
    ]

    static func outcomeHeader(_ row: String) -> [HeaderNode] {
        outcomeColumns.map { HeaderNode.column("\(row).\($0.key)", label: $0.labels[0]) }
    }

    static let table4 = TemplateTable(
        id: "t4", number: "四", title: "政府信息公开行政复议、行政诉讼情况",
        sections: [
            TemplateSection(
                columns: outcomeColumns,
                rows: [
                    TemplateRow("review", ["行政复议"]),
                    TemplateRow("suit.direct", ["行政诉讼", "未经复议直接起诉"]),
                    TemplateRow("suit.after", ["行政诉讼", "复议后起诉"]),
                ])
        ],
        // Leaves name "row.column"; the printed table is one row of 15 values.
        layout: .singleRow(header: [
            .group("行政复议", outcomeHeader("review")),
            .group(
                "行政诉讼",
                [.group("未经复议直接起诉", outcomeHeader("suit.direct")), .group("复议后起诉", outcomeHeader("suit.after"))]),
        ]))
}
