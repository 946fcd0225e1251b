using System.Reflection;
using Newsdesk.Tests.Evaluation;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Newsdesk.Tests.Support.NewsdeskTestFramework", "Bot.Tests")]

namespace Newsdesk.Tests.Support;

/// <summary>xunit's own framework, with one step before the run: the stores that take minutes to embed start building
/// in the background as soon as the run knows its tests (<see cref="EvaluationStores.StartFor"/>), so they are ready,
/// or nearly, when the evaluation collection's turn comes after the parallel tests.</summary>
public sealed class NewsdeskTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformation, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformation, diagnostics)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions)
        {
            var cases = testCases.ToList();
            EvaluationStores.StartFor(cases);
            base.RunTestCases(cases, executionMessageSink, executionOptions);
        }
    }
}
