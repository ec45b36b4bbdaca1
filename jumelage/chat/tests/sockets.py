"""A test's WebSocket in a chat room, its history and presence frames read."""

from jumelage.testing import ws_connect


async def joined(user, project, room):
    socket, connected, _code = await ws_connect(user, f"/ws/projects/{project.pk}/")
    assert connected
    await socket.send_json_to({"type": "chat.join", "room": room.pk})
    while (await socket.receive_json_from(timeout=5))["type"] != "chat.history":
        pass
    while not await socket.receive_nothing(timeout=0.2):
        await socket.receive_output()  # presence
    return socket
