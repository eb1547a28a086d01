using System;
using System.Collections.Concurrent;
using System.Threading;

namespace ComputeModule.Http
{
    /// <summary>Kinds of message the core hands to the pipeline thread.</summary>
    internal enum MessageKind
    {
        Verbose,
        Debug,
        Warning,
        Progress,
    }

    /// <summary>A progress update queued from a worker thread (kept free of PowerShell types; the cmdlet makes the ProgressRecord).</summary>
    internal sealed record ProgressInfo(int ActivityId, string Activity, string Status, int PercentComplete = -1, bool Completed = false);

    /// <summary>
    /// A queue owned by one cmdlet invocation. The HTTP handlers run on worker threads and must never call
    /// Write*: they enqueue here (found through an AsyncLocal that ComputeCmdlet.Run sets), and Run's wait
    /// loop writes the messages on the pipeline thread.
    /// </summary>
    internal sealed class CmdletMessages : IDisposable
    {
        private static readonly AsyncLocal<CmdletMessages?> s_current = new AsyncLocal<CmdletMessages?>();
        private readonly ConcurrentQueue<(MessageKind Kind, string Text, ProgressInfo? Progress)> _queue = new ConcurrentQueue<(MessageKind, string, ProgressInfo?)>();
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);

        /// <summary>Creates a queue; <paramref name="debugEnabled"/> decides whether bodies are captured at all (reading them costs).</summary>
        public CmdletMessages(bool verboseEnabled = true, bool debugEnabled = false)
        {
            VerboseEnabled = verboseEnabled;
            DebugEnabled = debugEnabled;
        }

        /// <summary>The queue of the cmdlet invocation this async flow belongs to (null outside a cmdlet, e.g. unit tests).</summary>
        public static CmdletMessages? Current
        {
            get => s_current.Value;
            set => s_current.Value = value;
        }

        /// <summary>Whether -Verbose output is wanted.</summary>
        public bool VerboseEnabled { get; }

        /// <summary>Whether -Debug output (bodies) is wanted.</summary>
        public bool DebugEnabled { get; }

        /// <summary>Set when a message arrives; Run's loop waits on it (and on the task).</summary>
        public WaitHandle Signal => _signal;

        /// <summary>Queues a message.</summary>
        public void Add(MessageKind kind, string text) => Add(kind, text, null);

        /// <summary>Queues a progress update.</summary>
        public void AddProgress(ProgressInfo progress) => Add(MessageKind.Progress, progress.Status, progress);

        private void Add(MessageKind kind, string text, ProgressInfo? progress)
        {
            if (kind == MessageKind.Debug && !DebugEnabled) return;
            if (kind == MessageKind.Verbose && !VerboseEnabled) return;
            _queue.Enqueue((kind, text, progress));
            try
            {
                _signal.Set();
            }
            catch (ObjectDisposedException)
            {
                // The invocation ended while a straggling handler was still talking: drop it.
            }
        }

        /// <summary>Takes the next message, if any.</summary>
        public bool TryTake(out MessageKind kind, out string text) => TryTake(out kind, out text, out _);

        /// <summary>Takes the next message, with its progress payload when it is a progress update.</summary>
        public bool TryTake(out MessageKind kind, out string text, out ProgressInfo? progress)
        {
            if (_queue.TryDequeue(out var item))
            {
                kind = item.Kind;
                text = item.Text;
                progress = item.Progress;
                return true;
            }
            kind = default;
            text = string.Empty;
            progress = null;
            return false;
        }

        /// <summary>Wakes the waiting loop (used when the awaited task completes).</summary>
        public void Wake()
        {
            try
            {
                _signal.Set();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        /// <summary>Queues a verbose line for the current invocation, if there is one.</summary>
        public static void Verbose(string text) => Current?.Add(MessageKind.Verbose, text);

        /// <summary>Queues a warning for the current invocation, if there is one.</summary>
        public static void Warning(string text) => Current?.Add(MessageKind.Warning, text);

        /// <summary>Queues a progress update for the current invocation, if there is one.</summary>
        public static void Progress(ProgressInfo progress) => Current?.AddProgress(progress);

        /// <inheritdoc/>
        public void Dispose() => _signal.Dispose();
    }
}
