import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program the tests start, by `posix_spawn`. Foundation's `Process.run()` crashes now and
/// then on Linux: it over-reads the entries of `/proc/self/fd` (swift-corelibs-foundation
/// #5472, not fixed in this toolchain), and a test process holds many descriptors. Standard
/// input, output and error are pipes unless given; every other descriptor of ours that is
/// close-on-exec stays out of the child.
public final class ChildProcess: @unchecked Sendable {
    public typealias TerminationReason = Process.TerminationReason

    public let processIdentifier: pid_t
    /// Write end of the child's standard input.
    public let standardInput: FileHandle
    /// Read end of its standard output.
    public let standardOutput: FileHandle
    /// Read end of its standard error, unless it was sent to a file.
    public let standardError: FileHandle?
    /// The `waitpid` status once the child ended; guarded by `lock`.
    private var status: Int32?
    private let lock = NSLock()

    /// Starts `executable` with `arguments` and `environment`; standard error goes to
    /// `errorFile` when given, else to a pipe.
    public init(_ executable: URL, arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                errorFile: FileHandle? = nil) throws {
        let input = try Self.pipe(), output = try Self.pipe(), errors = errorFile == nil ? try Self.pipe() : nil
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The copies dup2 makes are not close-on-exec; the pipes' own descriptors are.
        posix_spawn_file_actions_adddup2(&actions, input.read, 0)
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errors?.write ?? errorFile!.fileDescriptor, 2)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
        close(input.read)
        close(output.write)
        if let errors { close(errors.write) }
        guard result == 0 else {
            [input.write, output.read].forEach { close($0) }
            if let errors { close(errors.read) }
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(executable.path): \(String(cString: strerror(result)))"])
        }
        processIdentifier = pid
        standardInput = FileHandle(fileDescriptor: input.write, closeOnDealloc: true)
        standardOutput = FileHandle(fileDescriptor: output.read, closeOnDealloc: true)
        standardError = errors.map { FileHandle(fileDescriptor: $0.read, closeOnDealloc: true) }
    }

    deinit {
        // Reap a child that ended unwaited-for, so that it does not linger as a zombie.
        if lock.withLock({ status == nil }) { _ = waitpid(processIdentifier, nil, WNOHANG) }
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        // (`pipe2` with O_CLOEXEC is not in the Glibc module; a child spawned in between
        // inherits these two, which only keeps a pipe open a little longer.)
        guard Glibc.pipe(&fds) == 0 else { throw CocoaError(.fileWriteUnknown) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// Blocks until the child ends.
    public func waitUntilExit() {
        if lock.withLock({ status != nil }) { return }
        var raw: Int32 = 0
        while waitpid(processIdentifier, &raw, 0) == -1, errno == EINTR {}
        lock.withLock { status = raw }
    }

    public var isRunning: Bool {
        if lock.withLock({ status != nil }) { return false }
        var raw: Int32 = 0
        guard waitpid(processIdentifier, &raw, WNOHANG) == processIdentifier else { return true }
        lock.withLock { status = raw }
        return false
    }

    /// Sends SIGTERM.
    public func terminate() { kill(processIdentifier, SIGTERM) }

    /// The exit code, or the signal that ended it; call after `waitUntilExit`.
    public var terminationStatus: Int32 {
        let raw = lock.withLock { status } ?? 0
        return raw & 0x7f == 0 ? (raw >> 8) & 0xff : raw & 0x7f
    }

    public var terminationReason: TerminationReason {
        (lock.withLock { status } ?? 0) & 0x7f == 0 ? .exit : .uncaughtSignal
    }
}
