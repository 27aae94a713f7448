using System.Diagnostics;
using System.Globalization;

namespace G7Flows.Benchmarks;

/// <summary>CPU time and peak memory of a process, and the machine's CPU time, from Linux's /proc.</summary>
internal static class ProcessStats
{
    private static readonly Lazy<double> TicksPerSecond = new(ReadClockTicks);

    /// <summary>User plus system CPU seconds the process (all its threads) has used; null when it is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

            // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the name.
            long utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            long stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (utime + stime) / TicksPerSecond.Value;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A value in kB from /proc/&lt;pid&gt;/status, such as VmHWM (peak resident set) or VmRSS.</summary>
    public static long? StatusKb(int pid, string field)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    string number = line[(field.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(number, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>CPU seconds the whole machine has been busy (all cores; idle and iowait excluded).</summary>
    public static double MachineBusySeconds()
    {
        string first = File.ReadLines("/proc/stat").First();
        long[] v = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();

        // user nice system idle iowait irq softirq steal ...
        long busy = v[0] + v[1] + v[2] + v[5] + v[6] + (v.Length > 7 ? v[7] : 0);
        return busy / TicksPerSecond.Value;
    }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static double ReadClockTicks()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", ["CLK_TCK"]) { RedirectStandardOutput = true, UseShellExecute = false });
            string? text = getconf?.StandardOutput.ReadToEnd().Trim();
            getconf?.WaitForExit();
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double ticks) && ticks > 0 ? ticks : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }
}
