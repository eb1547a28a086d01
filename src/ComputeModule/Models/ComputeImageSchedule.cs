using System;

namespace ComputeModule.Models
{
    /// <summary>The scheduled-images setting of a server (Rackspace <c>rax-si-image-schedule</c>).</summary>
    public sealed class ComputeImageSchedule
    {
        internal ComputeImageSchedule(string serverId, int retention, DayOfWeek? dayOfWeek)
        {
            ServerId = serverId;
            Retention = retention;
            DayOfWeek = dayOfWeek;
        }

        /// <summary>The server the schedule belongs to.</summary>
        public string ServerId { get; }

        /// <summary>"Weekly" when a day of the week is set, else "Daily".</summary>
        public string Frequency => DayOfWeek.HasValue ? "Weekly" : "Daily";

        /// <summary>How many scheduled images are kept.</summary>
        public int Retention { get; }

        /// <summary>The day weekly images are taken; null for daily schedules.</summary>
        public DayOfWeek? DayOfWeek { get; }
    }
}
