using System.Globalization;
using System.Text;
using Nat64Harness.Topology;

namespace Nat64Harness.Cli;

/// <summary>
/// What a live verb prints, apart from what the library and Testcontainers log. The person at the terminal sees
/// phases with their times, the verdicts and where the report is; the library's progress and Testcontainers'
/// lines (its default logger writes to <see cref="Console.Out"/> when it logs, so the console is redirected
/// here rather than a logger handed to every builder of every area) go to a log file in the run's folder, shown
/// live with <c>--verbose</c>.
/// </summary>
internal sealed class CliOutput : IDisposable
{
    private readonly TextWriter _terminal;
    private readonly LogFile _file;
    private readonly TextWriter _console;

    private CliOutput(TextWriter terminal, string logPath, bool verbose)
    {
        _terminal = terminal;
        LogPath = logPath;
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        _file = new LogFile(new StreamWriter(logPath, append: false, new UTF8Encoding(false)) { AutoFlush = true });
        Log = TextWriter.Synchronized(verbose ? new TeeWriter(_file, terminal) : _file);
        Terminal = TextWriter.Synchronized(new LineWriter(this));
        _console = Console.Out;
        Console.SetOut(Log);
    }

    /// <summary>The library's log (and the console, while this lives).</summary>
    public TextWriter Log { get; }

    /// <summary>Why the log file stopped being written (a full disk), or null: the terminal's lines go on regardless.</summary>
    public IOException? LogFailure => _file.Failure;

    /// <summary>Where the log is now.</summary>
    public string LogPath { get; private set; }

    /// <summary>A writer whose every line goes through <see cref="Line"/>: for code that reports progress to a TextWriter.</summary>
    public TextWriter Terminal { get; }

    /// <summary>Progress lines of a topology's start, each printed as its step finishes.</summary>
    public IProgress<TopologyPhase> Phases => new PhasePrinter(this);

    /// <summary>Starts logging to a file under <paramref name="captures"/> until the run's folder is known.</summary>
    public static CliOutput Start(string captures, string verb, bool verbose) => Start(captures, verb, verbose, Console.Out);

    /// <summary>As <see cref="Start(string, string, bool)"/>, printing to <paramref name="terminal"/>.</summary>
    internal static CliOutput Start(string captures, string verb, bool verbose, TextWriter terminal) =>
        new(terminal, Path.Combine(captures, $"{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{verb}-{Environment.ProcessId}.log"), verbose);

    /// <summary>A line for the person at the terminal (copied into the log too).</summary>
    public void Line(string text = "")
    {
        lock (Log)
        {
            _terminal.WriteLine(text);
            _file.WriteLine(text);
        }
    }

    /// <summary>A path as short as it can be said: relative to the working directory when inside it.</summary>
    public static string Show(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    /// <summary>A phase that finished, with its time.</summary>
    public void Phase(string name, TimeSpan elapsed, string detail = "") =>
        Line(string.Create(CultureInfo.InvariantCulture, $"  {name,-18} {elapsed.TotalSeconds,6:F1} s{(detail.Length > 0 ? "  " + detail : string.Empty)}"));

    /// <summary>Moves the log into the run's folder, as <c>harness.log</c>.</summary>
    public void MoveInto(string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        var target = Path.Combine(runDirectory, "harness.log");
        lock (Log)
        {
            // The open handle follows the rename: writing goes on into the moved file.
            File.Move(LogPath, target, overwrite: true);
            LogPath = target;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Console.SetOut(_console);
        Log.Flush();
        _file.Dispose();
    }

    // The log file on a disk that fills up: the first failed write is kept and nothing more is written to it, so the
    // run goes on, and says so at its end, instead of dying on its own logging.
    private sealed class LogFile(StreamWriter file) : TextWriter
    {
        public IOException? Failure { get; private set; }

        public override Encoding Encoding => file.Encoding;

        public override void Write(char value) => Try(() => file.Write(value));

        public override void Write(string? value) => Try(() => file.Write(value));

        public override void WriteLine(string? value) => Try(() => file.WriteLine(value));

        public override void Flush() => Try(file.Flush);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                try
                {
                    file.Dispose();
                }
                catch (IOException e)
                {
                    Failure ??= e;
                }
            }

            base.Dispose(disposing);
        }

        private void Try(Action write)
        {
            if (Failure is not null)
            {
                return;
            }

            try
            {
                write();
            }
            catch (IOException e)
            {
                Failure = e;
            }
        }
    }

    private sealed class PhasePrinter(CliOutput output) : IProgress<TopologyPhase>
    {
        public void Report(TopologyPhase value) => output.Phase(value.Name, value.Elapsed, value.Detail);
    }

    // Collects what is written until a newline, then hands the line to Line().
    private sealed class LineWriter(CliOutput output) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                output.Line(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }

    private sealed class TeeWriter(TextWriter a, TextWriter b) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            a.Write(value);
            b.Write(value);
        }

        public override void Write(string? value)
        {
            a.Write(value);
            b.Write(value);
        }

        public override void WriteLine(string? value)
        {
            a.WriteLine(value);
            b.WriteLine(value);
        }

        public override void Flush()
        {
            a.Flush();
            b.Flush();
        }
    }
}
