@testable import GongkaiCore

/// A tiny cell store for formula tests: names in order (ids are positions), wildcards matched by `Reference.matches`.
struct Sheet {
    var names: [String]
    var values: [Value]

    init(_ cells: KeyValuePairs<String, Value>) {
        names = cells.map(\.key)
        values = cells.map(\.value)
    }

    init(names: [String], values: [Value]) {
        self.names = names
        self.values = values
    }

    func resolve(_ reference: Reference) throws(FormulaError) -> Binding {
        if reference.isPattern {
            let ids = names.indices.filter { reference.matches(names[$0]) }
            guard !ids.isEmpty else { throw .noMatch(reference) }
            return .cells(ids)
        }
        guard let id = names.firstIndex(of: reference.name) else {
            throw .unknownName(reference, candidates: names)
        }
        return .cell(id)
    }

    func bind(_ source: String) throws(FormulaError) -> BoundExpression {
        try Formula.compile(source) { reference throws(FormulaError) in try resolve(reference) }
    }

    func evaluate(_ source: String) throws(FormulaError) -> Value {
        try bind(source).evaluate { values[$0] }
    }
}

/// A number value from decimal text, for readable expectations.
func number(_ text: String) -> Value {
    guard let value = DecimalNumber(text) else { return .error(.notAvailable) }
    return .number(value)
}
