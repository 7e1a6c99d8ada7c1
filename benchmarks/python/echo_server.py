"""Python asyncio echo servers for the Java NetHarness: streams or Protocol, one per process.

Listens on an ephemeral port of 127.0.0.1, prints "PORT <n>", and serves until its standard
input ends. Usage: python3 echo_server.py streams|protocol
"""
import asyncio
import sys

READ_SIZE = 64 * 1024


async def echo(reader, writer):
    while data := await reader.read(READ_SIZE):
        writer.write(data)
        await writer.drain()
    writer.close()


class EchoProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)


async def main(kind):
    loop = asyncio.get_running_loop()
    if kind == "streams":
        server = await asyncio.start_server(echo, "127.0.0.1", 0)
    elif kind == "protocol":
        server = await loop.create_server(EchoProtocol, "127.0.0.1", 0)
    else:
        sys.exit("usage: echo_server.py streams|protocol")
    print("PORT", server.sockets[0].getsockname()[1], flush=True)
    stdin_closed = loop.create_future()
    loop.add_reader(sys.stdin.fileno(), lambda: sys.stdin.buffer.read1(4096) or stdin_closed.done()
                    or stdin_closed.set_result(None))
    await stdin_closed
    server.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else ""))
