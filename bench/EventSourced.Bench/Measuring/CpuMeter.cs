using System.Diagnostics;
using System.Globalization;

namespace EventSourced.Bench.Measuring;

/// <summary>CPU used between <see cref="Start"/> and <see cref="Stop"/>: this process's (the host and the load generator), and
/// the whole machine's busy share from /proc/stat (PostgreSQL and everybody else included).</summary>
public sealed class CpuMeter
{
    private readonly TimeSpan _process;
    private readonly (long Busy, long Total)? _machine;
    private readonly long _started;

    private CpuMeter()
    {
        _process = Process.GetCurrentProcess().TotalProcessorTime;
        _machine = MachineTicks();
        _started = Stopwatch.GetTimestamp();
    }

    public static CpuMeter Start() => new();

    public CpuUsage Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_started);
        var process = Process.GetCurrentProcess().TotalProcessorTime - _process;
        double? machineBusy = null;
        if (_machine is { } before && MachineTicks() is { } after && after.Total > before.Total)
        {
            machineBusy = (double)(after.Busy - before.Busy) / (after.Total - before.Total);
        }

        return new CpuUsage(wall, process, machineBusy);
    }

    // First line of /proc/stat: cpu user nice system idle iowait irq softirq steal ...
    private static (long Busy, long Total)? MachineTicks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Take(8).Sum();
            return (total - idle, total);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary><see cref="ProcessCores"/>: cores this process kept busy on average; <see cref="MachineBusy"/>: 0..1 of all cores.</summary>
public sealed record CpuUsage(TimeSpan Wall, TimeSpan Process, double? MachineBusy)
{
    public double ProcessCores => Process.TotalSeconds / Wall.TotalSeconds;
}
