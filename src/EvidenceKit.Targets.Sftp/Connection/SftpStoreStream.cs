using EvidenceKit.Core.Abstractions;
using Renci.SshNet;
using Renci.SshNet.Sftp;

namespace EvidenceKit.Targets.Sftp.Connection;

/// <summary>
/// A file stream on the server that reports a dropped connection as
/// <see cref="TargetConnectionLostException"/> and marks the session broken, so the store reconnects on its
/// next call. A broken stream is never resumed: the caller writes the file again from the start.
/// </summary>
internal sealed class SftpStoreStream : Stream
{
    private readonly SftpFileStream _inner;
    private readonly SftpConnection _connection;
    private readonly SftpClient _client;
    private readonly int _generation;
    private readonly string _path;
    private readonly bool _writing;
    private bool _broken;

    public SftpStoreStream(SftpFileStream inner, SftpConnection connection, SftpClient client, int generation, string path)
    {
        _inner = inner;
        _connection = connection;
        _client = client;
        _generation = generation;
        _path = path;
        _writing = inner.CanWrite;
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => _inner.CanSeek;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => Guard(() => _inner.Length);

    public override long Position
    {
        get => Guard(() => _inner.Position);
        set => Guard(() => _inner.Position = value);
    }

    public override void Flush() => Guard(() =>
    {
        _inner.Flush();
        return 0;
    });

    public override int Read(byte[] buffer, int offset, int count) => Guard(() => _inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfBroken();
        try
        {
            return _inner.Read(buffer);
        }
        catch (Exception e) when (ConnectionFailure.Is(e, _client))
        {
            throw Broken(e);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Guard(() =>
    {
        _inner.Write(buffer, offset, count);
        return 0;
    });

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfBroken();
        try
        {
            _inner.Write(buffer);
        }
        catch (Exception e) when (ConnectionFailure.Is(e, _client))
        {
            throw Broken(e);
        }
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        await ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfBroken();
        try
        {
            return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ConnectionFailure.Is(e, _client))
        {
            throw Broken(e);
        }
    }

    public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        await WriteAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfBroken();
        try
        {
            await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ConnectionFailure.Is(e, _client))
        {
            throw Broken(e);
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        try
        {
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ConnectionFailure.Is(e, _client))
        {
            throw Broken(e);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => Guard(() => _inner.Seek(offset, origin));

    public override void SetLength(long value) => Guard(() =>
    {
        _inner.SetLength(value);
        return 0;
    });

    public override ValueTask DisposeAsync()
    {
        Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                _inner.Dispose();
            }
            catch (Exception e) when (ConnectionFailure.Is(e, _client))
            {
                // A broken stream has already reported the loss; a write stream that breaks only while closing
                // has lost buffered bytes, and the caller must hear it.
                var report = !_broken && _writing;
                var error = Broken(e);
                if (report)
                    throw error;
            }
        }

        base.Dispose(disposing);
    }

    private T Guard<T>(Func<T> action)
    {
        ThrowIfBroken();
        try
        {
            return action();
        }
        catch (Exception e) when (ConnectionFailure.Is(e, _client))
        {
            throw Broken(e);
        }
    }

    private void ThrowIfBroken()
    {
        if (_broken)
            throw SftpErrors.StreamBroken(_connection.Location, _path, _writing, null);
    }

    private TargetConnectionLostException Broken(Exception cause)
    {
        _broken = true;
        _connection.MarkBroken(_generation);
        return SftpErrors.StreamBroken(_connection.Location, _path, _writing, cause);
    }
}
