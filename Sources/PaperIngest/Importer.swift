import Foundation
import PaperCore

/// Reads files of any supported format and writes their papers to a store in batches.
///
/// Each batch is one transaction, so a crash loses at most the open batch, and upserts make a
/// re-run pick up where the last one stopped without duplicating anything. Records and whole
/// documents that cannot be read are collected in the report; the import carries on.
public struct Importer: Sendable {
    public let repository: any PaperRepository
    /// Papers per transaction.
    public var batchSize: Int

    public init(repository: any PaperRepository, batchSize: Int = 10_000) {
        self.repository = repository
        self.batchSize = max(1, batchSize)
    }

    /// Imports every file named in `paths`; a folder means the files in it and below it, in
    /// name order. `format` forces one format instead of detecting each file's.
    public func run(
        paths: [String], format: ImportFormat? = nil,
        progress: @Sendable (ImportReport) -> Void = { _ in }
    ) async throws -> ImportReport {
        var report = ImportReport()
        for (file, named) in try Self.files(in: paths) {
            try await importOne(file, named: named, format: format, into: &report, progress: progress)
        }
        return report
    }

    /// Imports one file into `report`; a file that cannot be read is reported, not thrown.
    /// `named`: the person named this file (rather than a folder it is in).
    func importOne(_ file: URL, named: Bool, format: ImportFormat?, into report: inout ImportReport,
                   progress: @Sendable (ImportReport) -> Void) async throws {
        do {
            let fileFormat = try format ?? Self.detectFormat(of: file)
            try await importFile(file, format: fileFormat, into: &report, progress: progress)
            report.filesRead += 1
        } catch let error as OAIError where error.code == "noRecordsMatch" {
            report.filesRead += 1
        } catch let error as ImportError {
            throw error
        } catch is UnknownFormat where !named {
            // A README or manifest beside the data in a folder: not an error.
            report.ignoredFiles.append(file.path)
        } catch {
            report.failedFiles.append(.init(file: file.path, reason: Self.describe(error)))
        }
        progress(report)
    }

    /// Imports `papers` already in memory (the demo dataset) as one run.
    public func run(papers: [Paper], progress: @Sendable (ImportReport) -> Void = { _ in }) async throws -> ImportReport {
        var report = ImportReport()
        let size = max(1, batchSize)
        for start in stride(from: 0, to: papers.count, by: size) {
            let batch = Array(papers[start..<min(start + size, papers.count)])
            report.records += batch.count
            report.counts += try await write(batch)
            progress(report)
        }
        return report
    }

    /// Reads `file` and writes its papers batch by batch. While one batch is being written,
    /// the next is parsed, so parsing and indexing share the cores. One write at a time keeps
    /// batches in file order, which merges of the same paper depend on.
    private func importFile(
        _ file: URL, format: ImportFormat, into report: inout ImportReport,
        progress: @Sendable (ImportReport) -> Void
    ) async throws {
        var writing: Task<UpsertCounts, any Error>?
        do {
            var batch: [Paper] = []
            for record in try DocumentReader.records(in: file, format: format) {
                switch record {
                case let .paper(paper):
                    batch.append(paper)
                    report.records += 1
                case let .skipped(skip):
                    report.skipped.append(.init(file: file.path, record: skip))
                }
                guard batch.count >= batchSize else { continue }
                if let writing { report.counts += try await writing.value }
                writing = Task { [batch] in try await write(batch) }
                batch.removeAll(keepingCapacity: true)
                progress(report)
            }
            if let writing { report.counts += try await writing.value }
            writing = nil
            if !batch.isEmpty { report.counts += try await write(batch) }
        } catch {
            // Never leave a write running behind a failed read: its batch is either in or out.
            if let writing { report.counts += (try? await writing.value) ?? UpsertCounts() }
            throw error
        }
    }

    /// A store failure ends the whole import: it is not a problem of the file being read.
    private func write(_ batch: [Paper]) async throws -> UpsertCounts {
        do {
            return try await repository.upsert(batch)
        } catch {
            throw ImportError.store(String(describing: error))
        }
    }

    static func detectFormat(of file: URL) throws -> ImportFormat {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let head = try handle.read(upToCount: 4096) ?? Data()
        guard let format = ImportFormat.detect(fileName: file.lastPathComponent, head: head) else { throw UnknownFormat() }
        return format
    }

    struct UnknownFormat: Error, CustomStringConvertible {
        var description: String {
            "unknown format; name one with --format (\(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")))"
        }
    }

    /// Expands folders into their regular files, sorted by path; hidden files are left out.
    /// `named` tells whether the user named the file itself rather than its folder.
    static func files(in paths: [String]) throws -> [(url: URL, named: Bool)] {
        var files: [(url: URL, named: Bool)] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ImportError.notFound(path)
            }
            guard isDirectory.boolValue else {
                files.append((url, true))
                continue
            }
            let walker = FileManager.default.enumerator(
                at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            var found: [URL] = []
            while let item = walker?.nextObject() as? URL {
                if (try? item.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { found.append(item) }
            }
            if found.isEmpty { throw ImportError.emptyFolder(path) }
            files += found.sorted { $0.path < $1.path }.map { ($0, false) }
        }
        return files
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as DocumentError: error.reason
        case let error as UnknownFormat: error.description
        case let error as CocoaError where error.code == .fileReadNoPermission: "permission denied"
        case let error as CocoaError where error.code == .fileReadNoSuchFile: "no such file"
        default: "\(error)"
        }
    }
}

/// Problems with the paths given to an import, before any file is read.
public enum ImportError: Error, CustomStringConvertible {
    case notFound(String)
    case emptyFolder(String)
    case store(String)

    public var description: String {
        switch self {
        case let .store(reason): "the database refused a write, the import stopped: \(reason)"
        case let .notFound(path): "\(path): no such file or folder"
        case let .emptyFolder(path): "\(path): the folder has no files to import"
        }
    }
}
