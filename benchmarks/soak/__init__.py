"""`make soak`: Hearth past one server, under mixed traffic and faults (see __main__)."""
