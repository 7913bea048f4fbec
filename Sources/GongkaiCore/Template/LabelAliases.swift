extension ReportTemplate {
    /// Labels real reports print instead of the template's, keyed by `table.row` (`t2.norm`). Importers use them only to
    /// recognise a row; display and export always use the template's own labels.
    ///
    /// 上海市科委 2024 prints 行政规范性文件 as 规范性文件 (the 2019 trial format's wording).
    public var rowAliases: [String: [String]] {
        switch id {
        case "2021": ["t2.norm": ["规范性文件"]]
        default: [:]
        }
    }
}
