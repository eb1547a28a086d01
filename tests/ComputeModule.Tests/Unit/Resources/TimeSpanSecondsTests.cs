using System;
using System.Management.Automation;
using ComputeModule.Commands.Completers;
using Xunit;

namespace ComputeModule.Tests.Unit.Resources
{
    public class TimeSpanSecondsTests
    {
        [Theory]
        [InlineData(90, 90.0)]
        [InlineData(2.5, 2.5)]
        [InlineData("30", 30.0)]
        public void NumbersAreSeconds(object input, double seconds)
        {
            var result = new TimeSpanSecondsAttribute().Transform(null!, input);
            Assert.Equal(TimeSpan.FromSeconds(seconds), result);
        }

        [Fact]
        public void TimeSpansAndOtherTextAreLeftToPowerShell()
        {
            var attribute = new TimeSpanSecondsAttribute();
            Assert.Equal(TimeSpan.FromMinutes(5), attribute.Transform(null!, TimeSpan.FromMinutes(5)));
            Assert.Equal("00:05:00", attribute.Transform(null!, "00:05:00"));
            Assert.Equal(TimeSpan.FromSeconds(7), attribute.Transform(null!, PSObject.AsPSObject(7L)));
        }
    }
}
