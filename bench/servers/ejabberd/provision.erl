%% escript-style provisioning for ejabberd 23.01 over Erlang distribution (run by provision.sh).
%% Registers userI/pass via ejabberd_auth:try_register/3 and writes roster records directly
%% into mnesia (R symmetric neighbours I+-1..I+-R/2 mod N, subscription=both).
-module(provision).
-export([main/1]).
main([NodeS, DomS, NS, RS]) ->
    Node = list_to_atom(NodeS), Dom = list_to_binary(DomS),
    N = list_to_integer(NS), R = list_to_integer(RS),
    pong = net_adm:ping(Node),
    T0 = erlang:monotonic_time(millisecond),
    U = fun(I) -> <<"user", (integer_to_binary(I))/binary>> end,
    %% register in 8 parallel workers
    Parent = self(),
    Workers = 8,
    [spawn_link(fun() ->
        lists:foreach(fun(I) ->
            case rpc:call(Node, ejabberd_auth, try_register, [U(I), Dom, <<"pass">>]) of
                ok -> ok;
                %% set again, so the stored form follows auth_password_format (PASSWORDS may have changed)
                {error, exists} -> ok = rpc:call(Node, ejabberd_auth, set_password, [U(I), Dom, <<"pass">>]);
                Other -> io:format("register user~p: ~p~n", [I, Other])
            end end, lists:seq(W, N, Workers)),
        Parent ! {done, W} end) || W <- lists:seq(1, Workers)],
    [receive {done, W} -> ok end || W <- lists:seq(1, Workers)],
    T1 = erlang:monotonic_time(millisecond),
    io:format("ejabberd: ~p accounts in ~p ms~n", [N, T1 - T0]),
    {atomic, ok} = rpc:call(Node, mnesia, clear_table, [roster]),
    case R > 0 of
        false -> ok;
        true ->
            Half = R div 2,
            Ds = lists:seq(-Half, -1) ++ lists:seq(1, R - Half),
            Roster = fun(I) ->
                [{roster, {U(I), Dom, {U(J), Dom, <<>>}}, {U(I), Dom}, {U(J), Dom, <<>>},
                  U(J), both, none, [], <<>>, []}
                 || D <- Ds, J <- [((I - 1 + D) rem N + N) rem N + 1], J =/= I] end,
            [spawn_link(fun() ->
                lists:foreach(fun(I) ->
                    ok = rpc:call(Node, lists, foreach, [fun mnesia:dirty_write/1, Roster(I)])
                  end, lists:seq(W, N, Workers)),
                Parent ! {done, W} end) || W <- lists:seq(1, Workers)],
            [receive {done, W} -> ok end || W <- lists:seq(1, Workers)],
            io:format("ejabberd: rosters of ~p for ~p users in ~p ms~n",
                      [R, N, erlang:monotonic_time(millisecond) - T1])
    end,
    init:stop().
