"""The pure core: model, load, age, plan files, engine. No I/O, no clock, no UI."""
