import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a shell learns that Ctrl-C was pressed: the process's SIGINT flag, or a private flag.
///
/// Long work polls it at safe points (between statements, files, rows) and stops there. A shell gets a private flag
/// unless told otherwise, so that shells in one process (tests) cannot interrupt each other; the launcher gives the
/// `gongkai` executable's shells `Interruption.process`.
public final class Interruption: Sendable {
    /// Ctrl-C for this process: `interruptRequested`, set by the handler `listen()` installs.
    public static let process = Interruption(usesProcessFlag: true)

    private let usesProcessFlag: Bool
    private let flag = Atomic<Bool>(false)

    /// A private flag, set only by `request()`.
    public convenience init() { self.init(usesProcessFlag: false) }

    private init(usesProcessFlag: Bool) { self.usesProcessFlag = usesProcessFlag }

    /// Whether an interrupt is pending.
    public var isRequested: Bool {
        usesProcessFlag ? interruptRequested.load(ordering: .relaxed) : flag.load(ordering: .relaxed)
    }

    /// Asks for an interrupt, as Ctrl-C does.
    public func request() {
        if usesProcessFlag {
            interruptRequested.store(true, ordering: .relaxed)
        } else {
            flag.store(true, ordering: .relaxed)
        }
    }

    /// Forgets a pending interrupt (an old Ctrl-C must not stop the next command).
    public func clear() { _ = take() }

    /// Whether an interrupt was pending; clears it.
    public func take() -> Bool {
        usesProcessFlag
            ? interruptRequested.exchange(false, ordering: .relaxed) : flag.exchange(false, ordering: .relaxed)
    }

    /// Makes Ctrl-C set this flag: installs the SIGINT handler for the process flag; nothing for a private one.
    ///
    /// A SIGINT the parent ignores stays ignored (a job started in the background by a script must not stop when
    /// Ctrl-C is meant for the foreground), as Python and most Unix tools do.
    public func listen() {
        guard usesProcessFlag else { return }
        var current = sigaction()
        if sigaction(SIGINT, nil, &current) == 0,
            unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == 1
        {
            return  // SIG_IGN, which Swift does not import
        }
        installInterruptHandler()
    }
}

/// Thrown at a safe point when Ctrl-C was pressed: the statement stops, having said `interrupted`.
struct Interrupted: Error {}
