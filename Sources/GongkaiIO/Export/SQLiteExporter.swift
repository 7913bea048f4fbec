import CSQLite
import GongkaiCore

/// One report as the SQLite export takes it: its cells and texts (``ExportReport``), where each value was read, its
/// source file and its rule results as the session's check gives them.
public struct SQLiteReport: Sendable {
    /// Values, statuses and texts by cell index.
    public var report: ExportReport
    /// The file it was loaded from, when known.
    public var source: String?
    /// Where each cell's value came from, by cell index (nil: computed or empty); missing entries count as nil.
    public var places: [Provenance?]
    /// Every rule's result, in listing order.
    public var rules: [RuleResult]

    /// A report for the SQLite export.
    public init(report: ExportReport, source: String?, places: [Provenance?], rules: [RuleResult]) {
        self.report = report
        self.source = source
        self.places = places
        self.rules = rules
    }
}

/// One row of the `metrics` table: a named figure of a report.
public struct SQLiteMetric: Sendable, Hashable {
    /// The report's name.
    public var report: String
    /// The metric's name.
    public var metric: String
    /// Its value: exact, written as for cells (INTEGER when whole, else decimal TEXT; NULL when empty).
    public var value: Value

    /// A metric row.
    public init(report: String, metric: String, value: Value) {
        self.report = report
        self.metric = metric
        self.value = value
    }
}

/// Writes reports as a SQLite database (schema in docs/sqlite.md): tables `reports`, `cells`, `rules`, `metrics` and
/// views answering common questions. Built in memory in one transaction with prepared statements, then serialised,
/// so the caller writes the bytes with ``AtomicFile``. Values stay exact: counts as INTEGER, fees as decimal TEXT,
/// never REAL.
public enum SQLiteExporter {
    /// The schema, views included: the one definition docs/sqlite.md describes.
    public static let schema = """
        CREATE TABLE reports (
            name TEXT PRIMARY KEY NOT NULL,
            body TEXT,
            year INTEGER,
            source_file TEXT,
            format TEXT NOT NULL
        );
        CREATE TABLE template_cells (
            format TEXT NOT NULL,
            position INTEGER NOT NULL,
            cell TEXT NOT NULL,
            "table" TEXT NOT NULL,
            row_label TEXT NOT NULL,
            column_label TEXT NOT NULL,
            unit TEXT NOT NULL,
            PRIMARY KEY (format, position),
            UNIQUE (format, cell)
        );
        CREATE TABLE cell_values (
            report INTEGER NOT NULL REFERENCES reports(rowid),
            position INTEGER NOT NULL,
            value,
            status TEXT NOT NULL,
            page INTEGER,
            line INTEGER,
            "column" INTEGER,
            PRIMARY KEY (report, position)
        ) WITHOUT ROWID;
        CREATE TABLE rules (
            report TEXT NOT NULL REFERENCES reports(name),
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            status TEXT NOT NULL,
            "left",
            "right",
            imbalance,
            description TEXT NOT NULL,
            PRIMARY KEY (report, rule)
        );
        CREATE TABLE metrics (
            report TEXT NOT NULL REFERENCES reports(name),
            metric TEXT NOT NULL,
            value,
            PRIMARY KEY (report, metric)
        );
        CREATE VIEW cells AS
            SELECT r.name AS report, t.cell, t."table", t.row_label, t.column_label, t.unit, v.value, v.status, v.page,
                v.line, v."column"
            FROM cell_values v JOIN reports r ON r.rowid = v.report
                JOIN template_cells t ON t.format = r.format AND t.position = v.position;
        CREATE VIEW failing_rules AS
            SELECT report, rule, severity, "left", "right", imbalance, description FROM rules WHERE status = 'fail';
        CREATE VIEW report_totals AS
            SELECT r.name AS report, r.body, r.year,
                (SELECT value FROM cells c WHERE c.report = r.name AND c.cell = 't3.new.total') AS applications_received,
                (SELECT value FROM cells c WHERE c.report = r.name AND c.cell = 't3.total.total')
                    AS applications_answered,
                (SELECT count(*) FROM rules u WHERE u.report = r.name AND u.status = 'fail') AS rules_failing,
                (SELECT count(*) FROM cells c WHERE c.report = r.name AND c.status = 'missing') AS cells_missing
            FROM reports r;
        CREATE VIEW missing_cells AS
            SELECT report, cell, "table", row_label, column_label FROM cells WHERE status = 'missing';
        """

    /// Why the database could not be made: SQLite's own message.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What SQLite said.
        public var description: String
    }

    /// The database of `reports` and `metrics` as the bytes of a `.sqlite` file.
    public static func database(_ reports: [SQLiteReport], metrics: [SQLiteMetric]) throws(Failure) -> [UInt8] {
        let connection = try Connection()
        try connection.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        try connection.execute("BEGIN;")
        try connection.execute(schema)
        try write(reports, metrics: metrics, to: connection)
        try connection.execute("COMMIT;")
        return try connection.serialised()
    }

    private static func write(_ reports: [SQLiteReport], metrics: [SQLiteMetric], to connection: Connection)
        throws(Failure)
    {
        let reportRow = try connection.prepare(
            "INSERT INTO reports (rowid, name, body, year, source_file, format) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        let templateRow = try connection.prepare("INSERT INTO template_cells VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        let cellRow = try connection.prepare("INSERT INTO cell_values VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        let ruleRow = try connection.prepare("INSERT INTO rules VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        let metricRow = try connection.prepare("INSERT INTO metrics VALUES (?1, ?2, ?3)")
        var formats: Set<String> = []
        for (number, entry) in reports.enumerated() {
            let report = entry.report
            let id = Int64(number + 1)
            if formats.insert(report.template.id).inserted {
                for cell in report.template.cells {
                    try templateRow.run([
                        .text(report.template.id), .integer(Int64(cell.index)), .text(cell.name), .text(cell.table),
                        .text(cell.rowPath), .text(cell.columnPath), .text(cell.unit.rawValue),
                    ])
                }
            }
            let year = report.texts["meta.year"]
            try reportRow.run([
                .integer(id), .text(report.name), report.texts["meta.org"].map(Field.text) ?? .null,
                year.map { Int64($0).map(Field.integer) ?? .text($0) } ?? .null,
                entry.source.map(Field.text) ?? .null, .text(report.template.id),
            ])
            for cell in report.template.cells {
                let place = entry.places.indices.contains(cell.index) ? entry.places[cell.index] : nil
                try cellRow.run([
                    .integer(id), .integer(Int64(cell.index)),
                    field(report.value(at: cell.index), integral: cell.unit.isIntegral),
                    .text(statusName(report.status(at: cell.index))),
                    place?.page.map { .integer(Int64($0)) } ?? .null,
                    place?.line.map { .integer(Int64($0)) } ?? .null,
                    place?.column.map { .integer(Int64($0)) } ?? .null,
                ])
            }
            for rule in entry.rules {
                try ruleRow.run([
                    .text(report.name), .text(rule.name), .text(rule.severity.rawValue), .text(statusName(rule.status)),
                    field(rule.left, integral: true), field(rule.right, integral: true),
                    field(rule.imbalance, integral: true), .text(rule.description),
                ])
            }
        }
        for metric in metrics {
            try metricRow.run([.text(metric.report), .text(metric.metric), field(metric.value, integral: true)])
        }
    }

    /// `cells.status`: read, inferred, entered, computed, missing or error.
    static func statusName(_ status: CellStatus) -> String { status == .empty ? "missing" : status.rawValue }

    /// `rules.status`: hold, fail (a failing rule, or one reading text or an error) or incomplete.
    static func statusName(_ status: RuleStatus) -> String {
        switch status {
        case .holds: "hold"
        case .fails, .error: "fail"
        case .incomplete: "incomplete"
        }
    }

    /// A value as stored: NULL when empty; INTEGER when `integral` allows it and the number is whole and fits
    /// 64 bits; else the exact decimal (or the text, or the error code) as TEXT. Never REAL.
    static func field(_ value: Value, integral: Bool) -> Field {
        switch value {
        case .empty: return .null
        case .number(let number):
            if integral, number.isInteger, let whole = Int64(exactly: number.significand) { return .integer(whole) }
            return .text(number.description)
        case .text(let text): return .text(text)
        case .error(let error): return .text(error.code)
        }
    }

    /// A value bound to a statement's parameter.
    enum Field {
        case null
        case integer(Int64)
        case text(String)
    }

    /// An in-memory database, closed when released.
    final class Connection {
        let handle: OpaquePointer

        init() throws(Failure) {
            var handle: OpaquePointer?
            let code = sqlite3_open_v2(
                ":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY, nil)
            guard code == SQLITE_OK, let handle else {
                if let handle { sqlite3_close_v2(handle) }
                throw Failure(description: "cannot open a database: " + String(cString: sqlite3_errstr(code)))
            }
            self.handle = handle
        }

        deinit { sqlite3_close_v2(handle) }

        /// Runs statements that return no rows.
        func execute(_ sql: String) throws(Failure) {
            var message: UnsafeMutablePointer<CChar>?
            guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
                let text = message.map { String(cString: $0) } ?? lastError
                sqlite3_free(message)
                throw Failure(description: "database error: " + text)
            }
        }

        func prepare(_ sql: String) throws(Failure) -> Statement {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
                let statement
            else { throw Failure(description: "database error: " + lastError) }
            return Statement(handle: statement, connection: self)
        }

        var lastError: String { String(cString: sqlite3_errmsg(handle)) }

        /// The database as the bytes of its file.
        func serialised() throws(Failure) -> [UInt8] {
            var size: sqlite3_int64 = 0
            guard let data = sqlite3_serialize(handle, "main", &size, 0) else {
                throw Failure(description: "cannot serialise the database: out of memory")
            }
            defer { sqlite3_free(data) }
            return [UInt8](UnsafeRawBufferPointer(start: data, count: Int(size)))
        }
    }

    /// A prepared statement, finalised when released.
    final class Statement {
        let handle: OpaquePointer
        let connection: Connection

        init(handle: OpaquePointer, connection: Connection) {
            self.handle = handle
            self.connection = connection
        }

        deinit { sqlite3_finalize(handle) }

        /// Binds `fields` to ?1, ?2 … and runs the statement once.
        func run(_ fields: [Field]) throws(Failure) {
            sqlite3_reset(handle)
            for (offset, field) in fields.enumerated() {
                let position = Int32(offset + 1)
                let code: Int32
                switch field {
                case .null: code = sqlite3_bind_null(handle, position)
                case .integer(let value): code = sqlite3_bind_int64(handle, position, value)
                case .text(let text):
                    // SQLITE_TRANSIENT: SQLite copies the text before the call returns.
                    code = sqlite3_bind_text(
                        handle, position, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                }
                guard code == SQLITE_OK else { throw Failure(description: "database error: " + connection.lastError) }
            }
            guard sqlite3_step(handle) == SQLITE_DONE else {
                throw Failure(description: "database error: " + connection.lastError)
            }
        }
    }
}
