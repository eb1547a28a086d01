using System;
using System.Globalization;
using System.Management.Automation;

namespace ComputeModule.Commands.Completers
{
    /// <summary>
    /// Lets a TimeSpan parameter take a number of seconds (<c>-Timeout 90</c>). Without it PowerShell would convert
    /// 90 to 90 ticks. Strings that are numbers count as seconds too; anything else is left to PowerShell
    /// (<c>'00:05:00'</c>, a [TimeSpan]).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class TimeSpanSecondsAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc/>
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
            switch (value)
            {
                case int i: return TimeSpan.FromSeconds(i);
                case long l: return TimeSpan.FromSeconds(l);
                case short s: return TimeSpan.FromSeconds(s);
                case byte b: return TimeSpan.FromSeconds(b);
                case double d: return TimeSpan.FromSeconds(d);
                case float f: return TimeSpan.FromSeconds(f);
                case decimal m: return TimeSpan.FromSeconds((double)m);
                case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                    return TimeSpan.FromSeconds(seconds);
                default:
                    return inputData;
            }
        }
    }
}
