namespace SommeNumerique.Saas.Bench;

/// <summary>
/// A write-only stream that keeps nothing and only counts the bytes written: the sink of the export measures, so
/// that what is measured is the export itself (no disk, no network, no buffer that grows with the file).
/// </summary>
public sealed class CountingStream : Stream
{
    private long _length;

    public long BytesWritten => Interlocked.Read(ref _length);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => BytesWritten;

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Interlocked.Add(ref _length, count);

    public override void Write(ReadOnlySpan<byte> buffer) => Interlocked.Add(ref _length, buffer.Length);

    public override void WriteByte(byte value) => Interlocked.Increment(ref _length);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
