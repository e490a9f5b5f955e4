WebApplication app = WebApplication.CreateSlimBuilder(args).Build();
app.MapGet("/health", () => Results.Ok(new { status = "Healthy" }));
app.Run();
