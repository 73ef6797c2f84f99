SELECT counts FROM webhook_latency WHERE minute >= @from AND minute < @to;
