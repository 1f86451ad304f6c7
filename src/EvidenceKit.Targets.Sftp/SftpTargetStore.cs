using EvidenceKit.Core.Abstractions;
using EvidenceKit.Targets.Sftp.Connection;
using EvidenceKit.Targets.Sftp.Errors;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace EvidenceKit.Targets.Sftp;

/// <summary>
/// An <see cref="ITargetStore"/> on an SFTP server (SSH.NET). Open it with <see cref="Connect"/>: the server's
/// host key must be pinned, and is checked before any login or file operation. A dropped connection is
/// re-opened with bounded retries; idempotent operations are then repeated, while a stream that breaks in the
/// middle of a file throws <see cref="TargetConnectionLostException"/> so the caller writes that file again.
/// </summary>
public sealed class SftpTargetStore : ITargetStore
{
    private readonly SftpConnection _connection;
    private readonly string _root;

    private SftpTargetStore(SftpConnection connection, SftpTargetUri uri, string root)
    {
        _connection = connection;
        Uri = uri;
        _root = root;
    }

    /// <inheritdoc />
    public TargetKind Kind => TargetKind.Sftp;

    /// <inheritdoc />
    public string Location => Uri.ToString();

    /// <summary>The target this store writes to.</summary>
    public SftpTargetUri Uri { get; }

    /// <summary>The absolute server path of the store's root (the login directory resolved for "~" paths).</summary>
    public string RootPath => _root;

    /// <summary>
    /// Connects to the server named by <paramref name="options"/>, checks its host key against the pin before
    /// logging in, logs in, and checks that the target directory exists. One attempt; no retries.
    /// </summary>
    /// <param name="options">Target, credentials, host key pin, timeouts and retry policy.</param>
    /// <param name="log">Receives one line per connection event (never a secret), or null.</param>
    /// <exception cref="HostKeyException">No pin was given, or the presented key does not match it.</exception>
    /// <exception cref="SftpAuthException">No credentials, an unreadable key, or the login was refused.</exception>
    /// <exception cref="SftpUnreachableException">No SSH connection could be opened to the host and port.</exception>
    /// <exception cref="SftpTargetException">The known_hosts file, the fingerprint or the target directory is unusable.</exception>
    public static SftpTargetStore Connect(SftpConnectOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = SftpConnection.Open(options, log ?? (_ => { }));
        try
        {
            var root = ResolveRoot(connection, options.Uri);
            return new SftpTargetStore(connection, options.Uri, root);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Drops the current SSH session and opens a new one (bounded retries, host key checked again). The store
    /// also does this by itself on its next call after a loss.
    /// </summary>
    /// <exception cref="TargetConnectionLostException">Every attempt failed.</exception>
    public void Reconnect() => _connection.Reconnect();

    /// <summary>
    /// Free space from the server's statvfs@openssh.com extension (null when the server lacks it); the file
    /// system type and file size limit are unknown over SFTP; names are taken as case-sensitive.
    /// </summary>
    public TargetSpace GetSpace()
    {
        var free = _connection.Run<long?>("reading free space of", "", client =>
        {
            try
            {
                var info = client.GetStatus(_root);
                return checked((long)(info.AvailableBlocks * info.BlockSize));
            }
            catch (Exception e) when (e is SshException or NotSupportedException && !ConnectionFailure.Is(e, client))
            {
                return null;
            }
            catch (OverflowException)
            {
                return long.MaxValue;
            }
        });
        return new TargetSpace(free, null, null, true);
    }

    /// <inheritdoc />
    public bool Exists(string path)
    {
        var full = Full(path);
        return _connection.Run("checking", path, client => Stat(client, full) is not null);
    }

    /// <inheritdoc />
    public void CreateDirectory(string path)
    {
        var chain = RemotePath.Chain(_root, path).ToList();
        _connection.Run("creating directory", path, client =>
        {
            foreach (var directory in chain)
                EnsureDirectory(client, directory, path);
            return 0;
        });
    }

    /// <summary>
    /// Creates a file. Whatever entry is there (a planted link included) is removed first, so the file is never
    /// written through a link; best effort, as SFTP has no O_NOFOLLOW for the directories on the way.
    /// </summary>
    public Stream Create(string path)
    {
        DeleteFile(path);
        return Open(path, FileMode.Create, FileAccess.Write, "creating");
    }

    /// <inheritdoc />
    public Stream OpenAppend(string path) => Open(path, FileMode.Append, FileAccess.Write, "opening for append");

    /// <inheritdoc />
    public Stream OpenRead(string path) => Open(path, FileMode.Open, FileAccess.Read, "opening");

    /// <inheritdoc />
    public long? GetLength(string path)
    {
        var full = Full(path);
        return _connection.Run("reading the length of", path, client => Stat(client, full)?.Size);
    }

    /// <summary>
    /// Writes the stream's buffer to the server and waits until the server has acknowledged every write. SSH.NET
    /// 2026.0.0 cannot send fsync@openssh.com, so the bytes are in the server's page cache, not forced to its disk.
    /// </summary>
    public void Flush(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Flush();
    }

    /// <summary>Does nothing: an SFTP client cannot drop the server's cache; a re-read comes from the server.</summary>
    public void DropCache(string path) => _ = RemotePath.Under(_root, path);

    /// <inheritdoc />
    public void Move(string from, string to)
    {
        var source = Full(from);
        var destination = Full(to);
        _connection.Run("moving", from,
            client =>
            {
                if (Stat(client, destination) is not null)
                    throw SftpErrors.DestinationExists(from, to);
                client.RenameFile(source, destination, false);
                return 0;
            },
            client =>
            {
                var sourceThere = Stat(client, source) is not null;
                var destinationThere = Stat(client, destination) is not null;
                if (!sourceThere && destinationThere)
                    return 0;
                if (destinationThere)
                    throw SftpErrors.DestinationExists(from, to);
                client.RenameFile(source, destination, false);
                return 0;
            });
    }

    /// <summary>Deletes a file; a missing file is not an error; a directory is refused.</summary>
    public void DeleteFile(string path)
    {
        var full = Full(path);
        _connection.Run("deleting", path, client =>
        {
            var attributes = Stat(client, full);
            if (attributes is null)
                return 0;
            if (attributes.IsDirectory)
                throw SftpErrors.IsDirectory(path);
            client.DeleteFile(full);
            return 0;
        });
    }

    /// <summary>Renames over an existing file with posix-rename@openssh.com (atomic on the server).</summary>
    public void Replace(string from, string to)
    {
        var source = Full(from);
        var destination = Full(to);
        _connection.Run("replacing", to, client =>
        {
            client.RenameFile(source, destination, true);
            return 0;
        });
    }

    /// <inheritdoc />
    public void DeleteDirectory(string path)
    {
        var full = Full(path);
        _connection.Run("deleting directory", path, client =>
        {
            if (Stat(client, full) is { IsDirectory: true })
                client.DeleteDirectory(full);
            return 0;
        });
    }

    /// <summary>Does nothing: SFTP has no directory fsync; the server makes its own entries durable.</summary>
    public void FlushDirectory(string path) => _ = Full(path);

    /// <summary>Entries with their kind from the server's listing (lstat-like: a link is reported as a link, best effort).</summary>
    public IReadOnlyList<TargetEntry> ListEntries(string directory)
    {
        var full = Full(directory);
        return _connection.Run<IReadOnlyList<TargetEntry>>("listing", directory, client =>
        {
            try
            {
                return client.ListDirectory(full)
                    .Where(entry => entry.Name is not "." and not "..")
                    .Select(entry => new TargetEntry(entry.Name, entry.IsSymbolicLink ? FileKind.Symlink
                        : entry.IsDirectory ? FileKind.Directory : entry.IsRegularFile ? FileKind.Regular : FileKind.Other))
                    .OrderBy(entry => entry.Name, StringComparer.Ordinal)
                    .ToList();
            }
            catch (SftpPathNotFoundException)
            {
                return [];
            }
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<string> List(string directory)
    {
        var full = Full(directory);
        return _connection.Run<IReadOnlyList<string>>("listing", directory, client =>
        {
            try
            {
                return client.ListDirectory(full)
                    .Select(entry => entry.Name)
                    .Where(name => name is not "." and not "..")
                    .Order(StringComparer.Ordinal)
                    .ToList();
            }
            catch (SftpPathNotFoundException)
            {
                return [];
            }
        });
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private static string ResolveRoot(SftpConnection connection, SftpTargetUri uri)
    {
        return connection.Run("opening the target directory", uri.Path, client =>
        {
            var root = uri.IsHomeRelative
                ? RemotePath.Under(client.WorkingDirectory, uri.Path)
                : uri.Path;
            var attributes = Stat(client, root) ?? throw SftpErrors.RootMissing(uri, root);
            if (!attributes.IsDirectory)
                throw SftpErrors.RootNotDirectory(uri, root);
            return root;
        });
    }

    private static Renci.SshNet.Sftp.SftpFileAttributes? Stat(SftpClient client, string full)
    {
        try
        {
            return client.GetAttributes(full);
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
    }

    private static void EnsureDirectory(SftpClient client, string full, string path)
    {
        var attributes = Stat(client, full);
        if (attributes is not null)
        {
            if (!attributes.IsDirectory)
                throw SftpErrors.NotADirectory(path);
            return;
        }

        try
        {
            client.CreateDirectory(full);
        }
        catch (SshException e) when (!ConnectionFailure.Is(e, client))
        {
            if (Stat(client, full) is not { IsDirectory: true })
                throw;
        }
    }

    private Stream Open(string path, FileMode mode, FileAccess access, string what)
    {
        var full = Full(path);
        return _connection.Run(what, path, client =>
        {
            var generation = _connection.GenerationOf(client);
            var inner = client.Open(full, mode, access);
            return (Stream)new SftpStoreStream(inner, _connection, client, generation, path);
        });
    }

    private string Full(string path) => RemotePath.Under(_root, path);
}
