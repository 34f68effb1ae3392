using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace SommeNumerique.Saas.Bench;

/// <summary>
/// Times one phase and what it cost in memory: wall time, the peak resident set of the process during the phase
/// (Linux VmHWM, reset at the start of the phase through /proc/self/clear_refs), the largest managed heap seen by a
/// 50 ms sampler, bytes allocated, GC counts and GC pause time; and the heap and RSS at the start (after a full
/// compacting GC), so that a peak can be read as growth over the phase's baseline.
/// </summary>
public sealed class Measure : IDisposable
{
    private readonly Stopwatch _clock;
    private readonly long _allocated;
    private readonly int[] _collections;
    private readonly TimeSpan _pauses;
    private readonly TimeSpan _cpu;
    private readonly (long Commands, TimeSpan Time) _db;
    private readonly Timer _sampler;
    private readonly long _startHeap;
    private readonly long _startRss;
    private long _maxHeap;
    private long _maxRss;

    private Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        ResetPeakRss();
        _startHeap = GC.GetTotalMemory(false);
        _startRss = Environment.WorkingSet;
        _allocated = GC.GetTotalAllocatedBytes(precise: true);
        _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        _pauses = GC.GetTotalPauseDuration();
        _cpu = CpuTime();
        _db = DbCommandStats.Instance.Snapshot();
        _sampler = new Timer(_ => Sample(), null, 0, 50);
        _clock = Stopwatch.StartNew();
    }

    public static Measure Start() => new();

    public static bool PeakRssResettable { get; private set; }

    public Result Stop()
    {
        _clock.Stop();
        _sampler.Dispose();
        Sample();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var db = DbCommandStats.Instance.Snapshot();
        return new Result(
            _clock.Elapsed,
            PeakRssResettable ? process.PeakWorkingSet64 : _maxRss,
            _maxHeap,
            GC.GetTotalAllocatedBytes(precise: true) - _allocated,
            GC.CollectionCount(0) - _collections[0], GC.CollectionCount(1) - _collections[1], GC.CollectionCount(2) - _collections[2],
            GC.GetTotalPauseDuration() - _pauses,
            CpuTime() - _cpu,
            db.Commands - _db.Commands, db.Time - _db.Time,
            _startHeap, _startRss);
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public void Dispose() => _sampler.Dispose();

    private void Sample()
    {
        var heap = GC.GetTotalMemory(false);
        var rss = Environment.WorkingSet;
        lock (_sampler)
        {
            if (heap > _maxHeap) _maxHeap = heap;
            if (rss > _maxRss) _maxRss = rss;
        }
    }

    /// <summary>Writing 5 to /proc/self/clear_refs resets VmHWM (peak RSS) to the current RSS (Linux 4.0+).</summary>
    private static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            PeakRssResettable = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            PeakRssResettable = false;
        }
    }

    public static string Gc => $"{(GCSettings.IsServerGC ? "Server" : "Workstation")} GC, {(GCSettings.LatencyMode)}";

    public sealed record Result(TimeSpan Elapsed, long PeakRss, long MaxHeap, long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan GcPause,
        TimeSpan Cpu, long DbCommands, TimeSpan DbTime, long StartHeap, long StartRss)
    {
        public string CpuSeconds => Cpu.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        public string Db => $"{DbCommands} / {DbTime.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)}";
        public string Seconds => Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        public string PeakRssMiB => Mib(PeakRss);
        public string MaxHeapMiB => Mib(MaxHeap);
        public string AllocatedMiB => Mib(Allocated);
        public string Gcs => $"{Gen0}/{Gen1}/{Gen2}";
        /// <summary>Managed heap and RSS right after the full GC that opens the phase (the baseline of the peaks).</summary>
        public string StartHeapMiB => Mib(StartHeap);
        public string StartRssMiB => Mib(StartRss);
        public string GcPauseSeconds => GcPause.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
    }

    public static string Mib(long bytes) => (bytes / 1024d / 1024d).ToString("0", CultureInfo.InvariantCulture);
}
