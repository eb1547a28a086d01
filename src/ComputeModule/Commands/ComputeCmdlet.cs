using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Clients;
using ComputeModule.Errors;
using ComputeModule.Http;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>
    /// Base of every cmdlet of the module: the one sync-over-async bridge (<see cref="Run{T}"/>), Ctrl+C, and the
    /// pipeline-thread writing of what the HTTP core reports from worker threads.
    /// </summary>
    public abstract class AsyncCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cts = new CancellationTokenSource();
        private bool? _debugEnabled;

        /// <summary>Cancelled by Ctrl+C (<see cref="StopProcessing"/>).</summary>
        protected CancellationToken CancellationToken => _cts.Token;

        /// <summary>Cancels the request in flight at once.</summary>
        protected override void StopProcessing()
        {
            try
            {
                _cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
            base.StopProcessing();
        }

        /// <summary>
        /// Runs <paramref name="op"/> on the thread pool and waits for it on the pipeline thread, writing the verbose, debug,
        /// warning and progress messages it queues meanwhile (<see cref="CmdletMessages"/>). Ctrl+C cancels it and stops the pipeline.
        /// </summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> op)
        {
            if (op == null) throw new ArgumentNullException(nameof(op));
            using var messages = new CmdletMessages(verboseEnabled: true, debugEnabled: IsDebugEnabled);
            var previous = CmdletMessages.Current;
            Task<T> task;
            CmdletMessages.Current = messages;
            try
            {
                // Task.Run captures the execution context now, so the AsyncLocal sink flows into every handler.
                var token = _cts.Token;
                task = Task.Run(() => op(token), token);
            }
            finally
            {
                CmdletMessages.Current = previous;
            }
            task.ContinueWith(_ => messages.Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                messages.Signal.WaitOne();
                Drain(messages);
            }
            Drain(messages);
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_cts.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>As <see cref="Run{T}"/>, for operations without a result.</summary>
        protected void Run(Func<CancellationToken, Task> op)
        {
            if (op == null) throw new ArgumentNullException(nameof(op));
            Run<bool>(async ct =>
            {
                await op(ct).ConfigureAwait(false);
                return true;
            });
        }

        /// <summary>Writes a non-terminating error for one item (the pipeline goes on) via <see cref="ErrorRecords"/>.</summary>
        protected void WriteItemError(Exception e, object target, string? errorIdOverride = null)
        {
            if (e == null) throw new ArgumentNullException(nameof(e));
            if (e is PipelineStoppedException) throw e;
            // A closed connection is a session failure, not an item's: it stops the command (STYLE.md).
            if (e is ComputeNotConnectedException) ThrowTerminatingError(ErrorRecords.From(e, ErrorRecords.NotConnected, target));
            WriteError(ErrorRecords.From(e, errorIdOverride, target));
        }

        /// <summary>Whether -Debug (or $DebugPreference) asks for debug output; decides whether bodies are captured.</summary>
        protected bool IsDebugEnabled
        {
            get
            {
                if (_debugEnabled.HasValue) return _debugEnabled.Value;
                bool enabled;
                if (MyInvocation.BoundParameters.TryGetValue("Debug", out var bound))
                {
                    enabled = bound is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(bound);
                }
                else
                {
                    var preference = GetVariableValue("DebugPreference");
                    enabled = preference is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
                }
                _debugEnabled = enabled;
                return enabled;
            }
        }

        private void Drain(CmdletMessages messages)
        {
            while (messages.TryTake(out var kind, out var text, out var progress))
            {
                switch (kind)
                {
                    case MessageKind.Progress when progress != null:
                        WriteProgress(new ProgressRecord(progress.ActivityId, progress.Activity, progress.Status)
                        {
                            PercentComplete = progress.PercentComplete,
                            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                        });
                        break;
                    case MessageKind.Verbose:
                        WriteVerbose(text);
                        break;
                    case MessageKind.Debug:
                        WriteDebug(text);
                        break;
                    case MessageKind.Warning:
                        WriteWarning(text);
                        break;
                }
            }
        }

        /// <summary>Releases the cancellation source (PowerShell disposes cmdlets that are IDisposable).</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Dispose pattern hook.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing) _cts.Dispose();
        }
    }

    /// <summary>Base of the cmdlets that talk to a compute service: -Connection, the session, paging.</summary>
    public abstract class ComputeCmdlet : AsyncCmdlet
    {
        private const int PagingActivityId = 0x0C0E;

        /// <summary>The connection to use; default: the one Connect-ComputeService made last in this runspace.</summary>
        [Parameter]
        [ValidateNotNull]
        public ComputeConnection? Connection { get; set; }

        /// <summary>The connection in effect; stops the command with NotConnected when there is none.</summary>
        protected ComputeConnection EffectiveConnection
        {
            get
            {
                var connection = Connection ?? ConnectionStore.Default;
                if (connection == null) ThrowTerminatingError(ErrorRecords.NotConnectedRecord());
                if (connection!.IsClosed)
                {
                    ThrowTerminatingError(ErrorRecords.NotConnectedRecord(
                        "The connection was closed by Disconnect-ComputeService. Run Connect-ComputeService again."));
                }
                return connection;
            }
        }

        /// <summary>The HTTP session of <see cref="EffectiveConnection"/>.</summary>
        private protected ComputeSession Session => EffectiveConnection.Session;

        /// <summary>
        /// For each of <paramref name="items"/> (ids, or metadata keys): asks <paramref name="shouldProcess"/> when given, runs
        /// <paramref name="call"/> and writes its result. A per-item failure is written as a non-terminating error
        /// (<paramref name="reportError"/>, default: <see cref="ResourceErrorIds"/> with the item as target) and the next item
        /// still runs.
        /// </summary>
        private protected void ProcessEach<T>(IEnumerable<string> items, Func<string, CancellationToken, Task<T>> call,
            Func<string, bool>? shouldProcess = null, Action<Exception, string>? reportError = null)
            => ProcessEachCore(items, call, shouldProcess, reportError, writeResult: true);

        /// <summary>As <see cref="ProcessEach{T}"/>, for calls without a result (deletes): nothing is written on success.</summary>
        private protected void ProcessEach(IEnumerable<string> items, Func<string, CancellationToken, Task> call,
            Func<string, bool>? shouldProcess = null, Action<Exception, string>? reportError = null)
        {
            if (call == null) throw new ArgumentNullException(nameof(call));
            ProcessEachCore<bool>(items, async (item, ct) =>
            {
                await call(item, ct).ConfigureAwait(false);
                return true;
            }, shouldProcess, reportError, writeResult: false);
        }

        private void ProcessEachCore<T>(IEnumerable<string> items, Func<string, CancellationToken, Task<T>> call,
            Func<string, bool>? shouldProcess, Action<Exception, string>? reportError, bool writeResult)
        {
            if (items == null) throw new ArgumentNullException(nameof(items));
            if (call == null) throw new ArgumentNullException(nameof(call));
            foreach (var item in items)
            {
                if (shouldProcess != null && !shouldProcess(item)) continue;
                T result;
                try
                {
                    result = Run(ct => call(item, ct));
                }
                catch (Exception e) when (ResourceClients.IsItemFailure(e))
                {
                    if (reportError != null) reportError(e, item);
                    else WriteItemError(e, item, ResourceErrorIds.For(e));
                    continue;
                }
                // Outside the try: a downstream failure (Select-Object -First) is not this item's.
                if (writeResult) WriteObject(result);
            }
        }

        /// <summary>
        /// A failure about one metadata key: a missing key is reported with the key as target and a message naming it;
        /// other failures name the image.
        /// </summary>
        private protected void WriteMetadataKeyError(Exception e, string imageId, string key)
        {
            string? id = ResourceErrorIds.For(e);
            if (id != ResourceErrorIds.MetadataKeyNotFound)
            {
                WriteItemError(e, imageId, id);
                return;
            }
            var record = ErrorRecords.From(e, id, key);
            record.ErrorDetails = new ErrorDetails($"Image '{imageId}' has no metadata key '{key}'. {e.Message}");
            WriteError(record);
        }

        /// <summary>The -Metadata hashtable as string pairs; invalid metadata stops the command with InvalidMetadata before any request.</summary>
        private protected Dictionary<string, string> NormalizeMetadata(Hashtable metadata)
        {
            try
            {
                return MetadataRules.Normalize(metadata, v => v is PSObject pso ? pso.BaseObject : v);
            }
            catch (InvalidMetadataException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ResourceErrorIds.InvalidMetadata, metadata));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>
        /// A filtered listing through <see cref="WritePaged{T}"/>, starting after <paramref name="startMarker"/> (-Marker).
        /// A failure of the service is non-terminating, so -ErrorAction and -ErrorVariable work as for any other failure;
        /// the listing ends there. <paramref name="what"/> ("servers") names the activity and is the error's target when
        /// there is no marker.
        /// </summary>
        private protected void WriteListing<T>(Func<string?, int, CancellationToken, Task<Page<T>>> fetch, string? startMarker, bool all, string what)
        {
            if (fetch == null) throw new ArgumentNullException(nameof(fetch));
            try
            {
                WritePaged<T>((marker, page, ct) => fetch(marker ?? startMarker, page, ct), all, "Listing " + what);
            }
            catch (Exception e) when (ResourceClients.IsItemFailure(e))
            {
                WriteItemError(e, startMarker ?? (object)what, ResourceErrorIds.For(e));
            }
        }

        /// <summary>
        /// Streams a paged listing: each item is written as soon as its page arrives; further pages are fetched only when
        /// <paramref name="all"/>. A downstream Select-Object -First stops it (WriteObject throws; nothing more is requested).
        /// A marker seen twice stops it with a PagingLoop error instead of looping forever.
        /// </summary>
        private protected void WritePaged<T>(Func<string?, int, CancellationToken, Task<Page<T>>> fetch, bool all, string activity)
        {
            if (fetch == null) throw new ArgumentNullException(nameof(fetch));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? marker = null;
            int page = 1;
            long written = 0;
            var progress = new ProgressRecord(PagingActivityId, activity ?? "Listing", "Page 1");
            bool finished = false;
            try
            {
                while (true)
                {
                    if (all)
                    {
                        progress.StatusDescription = string.Format(CultureInfo.CurrentCulture, "Page {0} ({1} so far)", page, written);
                        WriteProgress(progress);
                    }
                    string? pageMarker = marker;
                    int pageNumber = page;
                    var result = Run(ct => fetch(pageMarker, pageNumber, ct));
                    foreach (var item in result.Items)
                    {
                        WriteObject(item);
                        written++;
                    }
                    if (!all || string.IsNullOrEmpty(result.NextMarker) || result.Items.Count == 0) break;
                    // Every marker followed so far is in seen, so a repeat (including the current one) fails the Add.
                    if (!seen.Add(result.NextMarker!))
                    {
                        ThrowTerminatingError(new ErrorRecord(
                            new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                                "The service returned the marker '{0}' again after page {1}; stopping instead of looping forever.", result.NextMarker, page)),
                            ErrorRecords.PagingLoop, ErrorCategory.InvalidResult, result.NextMarker));
                    }
                    marker = result.NextMarker;
                    page++;
                }
                finished = true;
            }
            finally
            {
                if (all)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    if (finished)
                    {
                        WriteProgress(progress);
                    }
                    else
                    {
                        try
                        {
                            WriteProgress(progress);
                        }
                        catch (Exception)
                        {
                            // The pipeline is already stopping (Select-Object -First, Ctrl+C, an error): the original
                            // exception is the one that matters, not this cosmetic one.
                        }
                    }
                }
            }
        }
    }
}
