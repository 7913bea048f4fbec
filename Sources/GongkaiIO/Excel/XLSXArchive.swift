import Foundation
import ZIPFoundation

/// The zip container of an `.xlsx` file: entries by path, written and read in memory. The only user of ZIPFoundation
/// in the Excel code, so the zip library can change behind it.
enum XLSXArchive {
    /// Why an archive could not be written or read.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The local file header signature every zip archive starts with (`PK\u{3}\u{4}`).
    static let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// Whether `bytes` look like a zip archive.
    static func isArchive(_ bytes: [UInt8]) -> Bool { bytes.starts(with: signature) }

    /// A zip archive of `entries` (path, content), in the given order, deflated.
    static func zip(_ entries: [(path: String, content: [UInt8])]) throws(Failure) -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            // A fixed date: the same workbook gives the same bytes.
            let date = Date(timeIntervalSince1970: 1_704_067_200)
            for entry in entries {
                let data = Data(entry.content)
                try archive.addEntry(
                    with: entry.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                    compressionMethod: .deflate,
                    provider: { position, size in data.subdata(in: Int(position)..<(Int(position) + size)) })
            }
            guard let data = archive.data else { throw Failure(description: "the archive could not be built") }
            return [UInt8](data)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "cannot write the archive: \(error)")
        }
    }

    /// The file entries of a zip archive by path. At most `limit` bytes are inflated in all (a zip bomb is refused).
    static func entries(of bytes: [UInt8], limit: Int = 256 << 20) throws(Failure) -> [String: [UInt8]] {
        do {
            let archive = try Archive(data: Data(bytes), accessMode: .read)
            var result: [String: [UInt8]] = [:]
            var total = 0
            for entry in archive where entry.type == .file {
                total += Int(clamping: entry.uncompressedSize)
                guard total <= limit else {
                    throw Failure(description: "the archive inflates to more than \(limit >> 20) MB")
                }
                var content: [UInt8] = []
                content.reserveCapacity(Int(clamping: entry.uncompressedSize))
                _ = try archive.extract(entry) { chunk in content.append(contentsOf: chunk) }
                result[entry.path] = content
            }
            return result
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "not a readable zip archive (\(error))")
        }
    }
}
