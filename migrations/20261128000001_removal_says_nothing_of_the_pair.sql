-- A removal no longer hands the giver of the person who leaves that person's recipient (found
-- from outside). Before: B leaves, B's giver A takes B's recipient C (A→B→C became A→C) whenever
-- the rules allow it. So whoever was A learned the pair B→C, and an organizer could make sure to
-- be A: as a participant they know their own recipient and can remove them; without taking part,
-- they add an alias of theirs as a late joiner, read whom the alias gives to, and remove that
-- person. Either way, one real pair read at will, and again after re-adding the person.
--
-- Now A's new recipient is drawn uniformly among everyone A may give to (the rules, and a repair
-- must exist), C included, so it says nothing about C. When it is someone else's recipient R, R's
-- giver X1 takes over from there: X1 takes C, or, when a rule forbids that, the shortest chain
-- X1, X2, …, Xk (each takes the next one's recipient, the last takes C), drawn uniformly among
-- the shortest as before. A removal thus usually changes two matches (one when A draws C).
--
-- What is left: the last giver of the chain learns that their new recipient lost their Santa,
-- and someone who knows that B left can read B→C from it. For an organizer with an alias that
-- happens only when the alias's recipient is the one drawn for A — about one removal in n — and
-- never by choice. The organizer's own match stays out of every repair unless they are A, as
-- before; as A they now get a recipient drawn at random, which tells them nothing.
--
-- Returns 'ok', 'not_found', 'not_drawn', 'too_few' (3 must remain) or 'no_repair' (no valid
-- assignment of the remaining people keeps the organizer's own match; nothing changed).

create or replace function app.remove_participant(p_draw_id uuid, p_participant_id uuid,
                                                  p_notify boolean)
    returns text
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_status text;
        v_ids uuid[];        -- the remaining people, 1..n
        v_n integer;
        v_sigma integer[];   -- index of each remaining giver's recipient (NULL for A)
        v_viewed timestamptz[];
        v_allowed boolean[]; -- (i-1)*n + j: i may give to j
        v_a integer;         -- the removed person's giver
        v_c integer;         -- the removed person's recipient
        v_insider integer;   -- the organizer's own row, when they take part (kept out of chains)
        v_firsts integer[];  -- who A may take the recipient of (0: C itself), not yet tried
        v_k integer;
        v_start integer;     -- X1, the first giver after A
        v_dist integer[];
        v_count numeric[];
        v_layer integer[];
        v_next integer[];
        v_ends integer[];
        v_total numeric;
        v_pick numeric;
        v_path integer[];
        v_x integer;
        v_y integer;
        v_d integer;
        v_prev integer;
        v_viewed_at timestamptz;
        v_position smallint;
    begin
        v_status := app.lock_drawn_draw(p_draw_id);
        if v_status <> 'ok' then
            return v_status;
        end if;
        select p.position into v_position from public.draw_participants p
        where p.id = p_participant_id and p.draw_id = p_draw_id;
        if not found then
            return 'not_found';
        end if;
        if (select pg_catalog.count(*) from public.draw_participants p
            where p.draw_id = p_draw_id) <= 3 then
            return 'too_few';
        end if;

        select pg_catalog.array_agg(p.id order by p.position, p.created_at, p.id)
        into v_ids
        from public.draw_participants p
        where p.draw_id = p_draw_id and p.id <> p_participant_id;
        v_n := pg_catalog.array_length(v_ids, 1);
        v_sigma := pg_catalog.array_fill(null::integer, array[v_n]);
        v_viewed := pg_catalog.array_fill(null::timestamptz, array[v_n]);
        -- (A's recipient is the removed person: not among the remaining, so NULL.)
        for v_x, v_y, v_viewed_at in
            select pg_catalog.array_position(v_ids, m.giver_id),
                   pg_catalog.array_position(v_ids, m.recipient_id), m.viewed_at
            from public.matches m
            where m.draw_id = p_draw_id and m.giver_id <> p_participant_id
        loop
            v_sigma[v_x] := v_y;
            v_viewed[v_x] := v_viewed_at;
        end loop;
        v_a := pg_catalog.array_position(v_ids,
            (select m.giver_id from public.matches m where m.recipient_id = p_participant_id));
        v_insider := pg_catalog.array_position(v_ids, app.organizer_row(p_draw_id));
        v_c := pg_catalog.array_position(v_ids,
            (select m.recipient_id from public.matches m where m.giver_id = p_participant_id));
        if v_a is null or v_c is null then
            raise exception 'the draw''s matches are incomplete' using errcode = 'P0001';
        end if;

        v_allowed := pg_catalog.array_fill(true, array[v_n * v_n]);
        for v_x in 1..v_n loop
            v_allowed[(v_x - 1) * v_n + v_x] := false;
        end loop;
        for v_x, v_y in
            select pg_catalog.array_position(v_ids, e.giver_id),
                   pg_catalog.array_position(v_ids, e.recipient_id)
            from public.exclusions e
            where e.draw_id = p_draw_id
              and e.giver_id <> p_participant_id and e.recipient_id <> p_participant_id
        loop
            v_allowed[(v_x - 1) * v_n + v_y] := false;
        end loop;

        -- A's new recipient, uniformly among those A may take: C (0 below) or the recipient of
        -- a giver X1 who is neither A nor the organizer. A first step from which no chain reaches
        -- C is dropped and another drawn.
        v_firsts := array(
            select 0 where v_allowed[(v_a - 1) * v_n + v_c]
            union all
            select x from pg_catalog.generate_series(1, v_n) x
            where x <> v_a and x is distinct from v_insider
              and v_allowed[(v_a - 1) * v_n + v_sigma[x]]);
        v_path := null;
        while v_path is null and pg_catalog.cardinality(v_firsts) > 0 loop
            v_k := 1 + pg_catalog.floor(pg_catalog.random() * pg_catalog.cardinality(v_firsts))::integer;
            v_start := v_firsts[v_k];
            v_firsts := v_firsts[1:v_k - 1] || v_firsts[v_k + 1:];
            if v_start = 0 then
                v_path := array[v_a];
                exit;
            end if;

            -- Breadth-first from X1, layer by layer, until a layer holds a giver who may take C
            -- (A and the organizer stay out of the chain).
            v_dist := pg_catalog.array_fill(null::integer, array[v_n]);
            v_count := pg_catalog.array_fill(0::numeric, array[v_n]);
            v_dist[v_start] := 0;
            v_count[v_start] := 1;
            v_layer := array[v_start];
            v_d := 0;
            loop
                v_ends := array(select x from pg_catalog.unnest(v_layer) x
                                where v_allowed[(x - 1) * v_n + v_c]);
                exit when pg_catalog.cardinality(v_ends) > 0;
                v_next := '{}';
                foreach v_x in array v_layer loop
                    for v_y in 1..v_n loop
                        if v_y <> v_a and v_y <> v_start and v_y <> v_x
                           and v_y is distinct from v_insider
                           and v_allowed[(v_x - 1) * v_n + v_sigma[v_y]]
                           and (v_dist[v_y] is null or v_dist[v_y] = v_d + 1) then
                            if v_dist[v_y] is null then
                                v_dist[v_y] := v_d + 1;
                                v_next := v_next || v_y;
                            end if;
                            v_count[v_y] := v_count[v_y] + v_count[v_x];
                        end if;
                    end loop;
                end loop;
                exit when pg_catalog.cardinality(v_next) = 0;
                v_layer := v_next;
                v_d := v_d + 1;
            end loop;
            continue when pg_catalog.cardinality(v_ends) = 0;

            -- An end, weighted by its number of shortest chains; then back to X1.
            select pg_catalog.sum(v_count[x]) into v_total from pg_catalog.unnest(v_ends) x;
            v_pick := pg_catalog.floor(pg_catalog.random()::numeric * v_total);
            foreach v_x in array v_ends loop
                v_y := v_x;
                exit when v_pick < v_count[v_x];
                v_pick := v_pick - v_count[v_x];
            end loop;
            v_path := array[v_y];
            while v_dist[v_y] > 0 loop
                select pg_catalog.sum(v_count[p]) into v_total
                from pg_catalog.generate_series(1, v_n) p
                where v_dist[p] = v_dist[v_y] - 1 and p <> v_y
                  and v_allowed[(p - 1) * v_n + v_sigma[v_y]];
                v_pick := pg_catalog.floor(pg_catalog.random()::numeric * v_total);
                v_prev := null;
                for v_x in 1..v_n loop
                    if v_dist[v_x] = v_dist[v_y] - 1 and v_x <> v_y
                       and v_allowed[(v_x - 1) * v_n + v_sigma[v_y]] then
                        v_prev := v_x;
                        exit when v_pick < v_count[v_x];
                        v_pick := v_pick - v_count[v_x];
                    end if;
                end loop;
                v_y := v_prev;
                v_path := v_y || v_path;
            end loop;
            v_path := v_a || v_path;
        end loop;
        if v_path is null then
            return 'no_repair';
        end if;

        -- Apply: the old matches of the chain and the removed person's own go, then the person
        -- (their exclusions and invitation links with them; their account stays), then the chain's
        -- new matches: each giver takes the next one's recipient, the last takes C.
        delete from public.matches m
        where m.giver_id = p_participant_id
           or m.giver_id in (select v_ids[x] from pg_catalog.unnest(v_path) x);
        delete from public.draw_participants p where p.id = p_participant_id;
        update public.draw_participants p set position = p.position - 1
        where p.draw_id = p_draw_id and p.position > v_position;
        for v_d in 1..pg_catalog.cardinality(v_path) loop
            v_x := v_path[v_d];
            if v_d < pg_catalog.cardinality(v_path) then
                v_y := v_sigma[v_path[v_d + 1]];
            else
                v_y := v_c;
            end if;
            perform app.replace_match(p_draw_id, v_ids[v_x], v_ids[v_y], v_viewed[v_x], p_notify);
        end loop;
        return 'ok';
    end
    $$;
