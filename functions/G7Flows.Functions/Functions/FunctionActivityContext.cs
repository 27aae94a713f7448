using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace G7Flows.Functions.Functions;

/// <summary>The <see cref="TaskActivityContext"/> a core activity receives when an activity function runs it.</summary>
public sealed class FunctionActivityContext : TaskActivityContext
{
    public FunctionActivityContext(string name, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        this.Name = new TaskName(name);

        // The Durable extension passes the orchestration's instance id with the activity trigger's binding data.
        this.InstanceId = function.BindingContext?.BindingData
            .FirstOrDefault(d => string.Equals(d.Key, "instanceId", StringComparison.OrdinalIgnoreCase))
            .Value?.ToString() ?? string.Empty;
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }
}
