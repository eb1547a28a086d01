using System.Collections;
using System.Management.Automation;

namespace ComputeModule.Commands
{
    /// <summary>
    /// Refuses more than one value for an enum parameter that takes one. PowerShell converts 'Monday,Tuesday'
    /// or Monday, Friday to an enum by OR-ing the values, even for an enum without [Flags], so a combination
    /// would arrive as some other single value (Monday | Tuesday = Wednesday) and be sent.
    /// </summary>
    internal sealed class SingleValueAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            bool several = value is string text ? text.IndexOf(',') >= 0 : value is IList list && list.Count != 1;
            if (several)
            {
                throw new ArgumentTransformationMetadataException($"One value is expected, not '{Describe(value)}'.");
            }
            return value is IList one ? one[0] : inputData;
        }

        private static string Describe(object? value)
        {
            if (!(value is IList list) || value is string) return value?.ToString() ?? "";
            var parts = new string[list.Count];
            for (int i = 0; i < list.Count; i++) parts[i] = list[i]?.ToString() ?? "";
            return string.Join(", ", parts);
        }
    }
}
