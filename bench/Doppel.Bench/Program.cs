using Doppel.Bench;

return BenchApp.Run(args);
