using System;
using System.Management.Automation;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>
    /// <para type="synopsis">Enables scheduled images of servers: daily, or weekly with -DayOfWeek (Rackspace extension).</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Enable, "ComputeImageSchedule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = DailySet)]
    [OutputType(typeof(ComputeImageSchedule))]
    public sealed class EnableComputeImageScheduleCommand : ComputeCmdlet
    {
        /// <summary>A daily image.</summary>
        public const string DailySet = "Daily";

        /// <summary>A weekly image on -DayOfWeek.</summary>
        public const string WeeklySet = "Weekly";

        private ResourceClients _clients = null!;

        /// <summary>The servers.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ServerIdCompleter))]
        public string[] ServerId { get; set; } = Array.Empty<string>();

        /// <summary>How many scheduled images to keep (1 to 65535).</summary>
        [Parameter(Mandatory = true, ParameterSetName = DailySet)]
        [Parameter(Mandatory = true, ParameterSetName = WeeklySet)]
        [ValidateRange(1, 65535)]
        public int Retention { get; set; }

        /// <summary>The day weekly images are taken.</summary>
        [Parameter(Mandatory = true, ParameterSetName = WeeklySet)]
        [SingleValue]
        public DayOfWeek DayOfWeek { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _clients = ResourceClients.For(EffectiveConnection);
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            DayOfWeek? day = ParameterSetName == WeeklySet ? DayOfWeek : (DayOfWeek?)null;
            string action = day.HasValue
                ? $"Enable weekly images on {day.Value}, keeping {Retention}"
                : $"Enable daily images, keeping {Retention}";
            int retention = Retention;
            ProcessEach(ServerId, (id, ct) => _clients.ImageSchedules.EnableAsync(id, retention, day, ct),
                id => ShouldProcess(ResourceClients.ServerTarget(id, null), action));
        }
    }
}
